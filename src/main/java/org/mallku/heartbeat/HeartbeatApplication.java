package org.mallku.heartbeat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.mallku.heartbeat.cli.StatusCommand;
import org.mallku.heartbeat.cli.StatusReport;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.config.HeartbeatConfig.Mode;
import org.mallku.heartbeat.database.LogImport;
import org.mallku.heartbeat.metrics.MetricsPush;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseEngine;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.pulse.PulseSkipped;
import org.mallku.heartbeat.util.Durations;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;

/** What the process does once started, by mode: serve until stopped, pulse once, or print the status. */
public class HeartbeatApplication implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger(HeartbeatApplication.class);

    /** Exit code of a single pulse that was recorded but failed (for example too few voices). */
    static final int PULSE_FAILED = 1;

    @Inject
    HeartbeatConfig config;
    @Inject
    PulseEngine engine;
    @Inject
    StatusCommand status;
    @Inject
    PulseMemory memory;
    @Inject
    Clock clock;
    @Inject
    Event<PulseSkipped> skipped;
    @Inject
    MetricsPush push;
    @Inject
    LogImport logImport;

    @Override
    public int run(String... args) throws Exception {
        String first = args.length > 0 ? args[0] : "";
        Mode mode = "status".equals(first) ? Mode.STATUS : "import".equals(first) ? Mode.IMPORT : config.mode();
        return switch (mode) {
            case SERVICE -> {
                remindIfSilent();
                Quarkus.waitForExit();
                yield 0;
            }
            case SINGLE_PULSE -> {
                int exit = singlePulse();
                memory.close(); // a pulse the store could not write is kept or said lost, and the push counts it
                push.push(); // whatever the outcome, before the process ends
                yield exit;
            }
            case STATUS -> status.run(Arrays.asList(args).contains("--json"), System.out);
            case IMPORT -> logImport.run(args.length > 1 ? Path.of(args[1]) : config.logPath(), System.out);
        };
    }

    /** The reference's gentle reminder, at start-up, when the heartbeat has been silent (a history without success). */
    private void remindIfSilent() {
        PulseHistory history = memory.history();
        if (history.latest() != null && history.silent(clock.instant())) {
            LOG.warnf("The last successful pulse was %s. %s", history.lastSuccess()
                    .map(last -> StatusReport.inWords(Duration.between(last.startedAt(), clock.instant())))
                    .orElse("not in the recent history"), StatusCommand.REMINDER);
        }
    }

    /**
     * One pulse, recorded; exit 0 when it produced a result (an alert is a result), 1 when it failed. A pulse that
     * did not fail, recorded within the dedupe window, means the CronJob started twice: skip, exit 0. A failed
     * one does not count, so that the Job's retry pulses again rather than succeeding on the failure.
     */
    private int singlePulse() {
        Duration window = config.singlePulse().dedupeWindow();
        var recent = memory.history().lastSuccess().filter(last -> Duration.between(last.startedAt(), clock.instant()).compareTo(window) < 0);
        if (recent.isPresent()) {
            LOG.infof("Single pulse skipped: pulse %s was recorded %s, within heartbeat.single-pulse.dedupe-window=%s",
                    recent.get().id(), StatusReport.inWords(Duration.between(recent.get().startedAt(), clock.instant())),
                    Durations.words(window));
            skipped.fire(new PulseSkipped(PulseReason.SINGLE_PULSE, PulseSkipped.Cause.DEDUPE));
            return 0;
        }
        var ticket = engine.trigger(PulseReason.SINGLE_PULSE);
        if (ticket.isEmpty()) { // on a shared database: a replica is pulsing now, which is this run's purpose
            LOG.info("Single pulse skipped: a pulse is in flight on another replica of this heartbeat");
            return 0;
        }
        Pulse pulse = ticket.get().completion().join();
        if (pulse.failed()) {
            LOG.errorf("Single pulse failed: %s", pulse.failureReason().label());
            return PULSE_FAILED;
        }
        return 0;
    }
}
