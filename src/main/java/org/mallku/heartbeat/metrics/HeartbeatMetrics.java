package org.mallku.heartbeat.metrics;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.mallku.heartbeat.circle.Reply;
import org.mallku.heartbeat.circle.Round;
import org.mallku.heartbeat.health.FreshnessProbe;
import org.mallku.heartbeat.log.PulseLog;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseSkipped;
import org.mallku.heartbeat.pulse.PulseSummary;
import org.mallku.heartbeat.rhythm.Due;
import org.mallku.heartbeat.rhythm.Rhythm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The {@code mallku_heartbeat_*} metrics. Events count what happens from now on; gauges read the in-memory state
 * that the log restores at start-up, so after a restart they show the last pulse, not zero. Timestamps are Unix
 * seconds, so that an alert reads {@code time() - mallku_heartbeat_last_pulse_timestamp_seconds}.
 */
@ApplicationScoped
public class HeartbeatMetrics {

    static final String PREFIX = "mallku.heartbeat.";

    private final MeterRegistry registry;
    private final PulseLog log;
    private final Rhythm rhythm;
    private final FreshnessProbe freshness;
    /** The meters that read this application's state, removed at shutdown (see {@link #unregister}). */
    private final List<Meter> readers = new CopyOnWriteArrayList<>();

    public HeartbeatMetrics(MeterRegistry registry, PulseLog log, Rhythm rhythm, FreshnessProbe freshness) {
        this.registry = registry;
        this.log = log;
        this.rhythm = rhythm;
        this.freshness = freshness;
    }

    void register(@Observes StartupEvent event) {
        gauge("last.pulse.timestamp", "seconds", "When the newest pulse started (Unix time)",
                () -> seconds(log.latest().map(Pulse::startedAt).orElse(null)));
        gauge("last.success.timestamp", "seconds", "When the newest pulse that did not fail started (Unix time)",
                () -> seconds(log.recent(PulseLog.WINDOW).stream().filter(p -> !p.failed()).findFirst()
                        .map(PulseSummary::startedAt).orElse(null)));
        gauge("next.pulse.timestamp", "seconds", "When the next pulse is due (Unix time)",
                () -> {
                    Due next = rhythm.view().next();
                    return seconds(next == null ? null : next.at());
                });
        gauge("consciousness.score", null, "Consciousness score of the newest pulse (NaN when it has none)",
                () -> log.latest().map(Pulse::score).map(Double::doubleValue).orElse(Double.NaN));
        gauge("voices.present", null, "Voices that answered in the newest pulse",
                () -> log.latest().map(p -> (double) p.voicesPresent()).orElse(Double.NaN));
        gauge("up", null, "1 unless the heartbeat's freshness is down", () -> freshness.now().down() ? 0.0 : 1.0);
        functionCounter("alerts", "Pulses that raised an alert", l -> l.stats().alerts());
        functionCounter("celebrations", "Pulses that triggered a celebration", l -> l.stats().celebrations());
        functionCounter("log.write.failures", "Failed attempts to write a pulse record", l -> l.stats().writeFailures());
        functionCounter("log.records.skipped", "Pulse record files that could not be read",
                l -> l.stats().skippedRecords());
    }

    /**
     * A registry can outlive the application (continuous testing restarts the test application beside dev mode):
     * a meter left in it would call into a stopped application on the next scrape, and a new one of the same name
     * would be ignored in its favour.
     */
    void unregister(@Observes ShutdownEvent event) {
        readers.forEach(registry::remove);
        readers.clear();
    }

    void onPulse(@Observes Pulse pulse) {
        Counter.builder(PREFIX + "pulses")
                .description("Pulses by outcome and reason")
                .tag("outcome", pulse.outcome().label())
                .tag("reason", pulse.reason().label())
                .register(registry)
                .increment();
        Timer.builder(PREFIX + "pulse.duration")
                .description("Wall time of a pulse")
                .tag("ceremony", pulse.ceremony() == null ? "none" : pulse.ceremony().label())
                .register(registry)
                .record(pulse.duration());
        for (Round round : pulse.rounds()) {
            for (Reply reply : round.replies()) {
                Counter.builder(PREFIX + "voice.replies")
                        .description("Replies asked of voices, by provider and outcome")
                        .tag("provider", reply.voice().provider())
                        .tag("outcome", reply.outcome().label())
                        .register(registry)
                        .increment();
                Timer.builder(PREFIX + "voice.reply.duration")
                        .description("Time from question to answer or cut-off, by provider")
                        .tag("provider", reply.voice().provider())
                        .register(registry)
                        .record(reply.latency());
            }
        }
    }

    void onSkipped(@Observes PulseSkipped skipped) {
        Counter.builder(PREFIX + "pulses.skipped")
                .description("Pulses asked for that did not run, by cause")
                .tag("cause", skipped.cause())
                .register(registry)
                .increment();
    }

    private void gauge(String name, String unit, String help, Supplier<Double> value) {
        readers.add(Gauge.builder(PREFIX + name, value, Supplier::get).baseUnit(unit).description(help)
                .strongReference(true).register(registry));
    }

    /** Micrometer holds the state object weakly: this bean lives as long as the application, a lambda would not. */
    private void functionCounter(String name, String help, ToLongFunction<PulseLog> value) {
        readers.add(FunctionCounter.builder(PREFIX + name, log, l -> value.applyAsLong(l)).description(help)
                .register(registry));
    }

    /** Unix seconds; 0 for "never", the Prometheus convention for timestamps that alert rules expect. */
    private static double seconds(Instant instant) {
        return instant == null ? 0.0 : instant.toEpochMilli() / 1000.0;
    }
}
