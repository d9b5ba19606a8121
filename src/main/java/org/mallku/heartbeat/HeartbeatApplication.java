package org.mallku.heartbeat;

import org.jboss.logging.Logger;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.config.HeartbeatConfig.Mode;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseEngine;
import org.mallku.heartbeat.pulse.PulseReason;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;

/** What the process does once started, by mode: serve until stopped, or pulse once and exit. */
public class HeartbeatApplication implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger(HeartbeatApplication.class);

    /** Exit code of a single pulse that was recorded but failed (for example too few voices). */
    static final int PULSE_FAILED = 1;

    @Inject
    HeartbeatConfig config;
    @Inject
    PulseEngine engine;

    @Override
    public int run(String... args) {
        Mode mode = args.length > 0 && "status".equals(args[0]) ? Mode.STATUS : config.mode();
        return switch (mode) {
            case SERVICE -> {
                Quarkus.waitForExit();
                yield 0;
            }
            case SINGLE_PULSE -> singlePulse();
            case STATUS -> throw new UnsupportedOperationException("status");
        };
    }

    /** One pulse, recorded; exit 0 when it produced a result (an alert is a result), 1 when it failed. */
    private int singlePulse() {
        Pulse pulse = engine.trigger(PulseReason.SINGLE_PULSE)
                .orElseThrow(() -> new IllegalStateException("a pulse is already in flight"))
                .completion().join();
        if (pulse.failed()) {
            LOG.errorf("Single pulse failed: %s", pulse.failureReason());
            return PULSE_FAILED;
        }
        return 0;
    }
}
