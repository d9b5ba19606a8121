package org.mallku.heartbeat.metrics;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.mallku.heartbeat.circle.Ceremony;
import org.mallku.heartbeat.circle.Reply;
import org.mallku.heartbeat.circle.Round;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.health.HealthProbe;
import org.mallku.heartbeat.health.HeartbeatHealth;
import org.mallku.heartbeat.log.Unwritten;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.pulse.PulseOutcome;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.pulse.PulseSkipped;
import org.mallku.heartbeat.pulse.PulseSummary;
import org.mallku.heartbeat.pulse.Replicas;
import org.mallku.heartbeat.rhythm.Due;
import org.mallku.heartbeat.rhythm.Rhythm;
import org.mallku.heartbeat.voice.ReplyOutcome;
import org.mallku.heartbeat.voice.VoiceCatalog;
import org.mallku.heartbeat.voice.provider.ProviderVoices;

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
    /** The ceremony label of a pulse that failed before one was chosen. */
    static final String NO_CEREMONY = "none";

    private final MeterRegistry registry;
    private final PulseMemory memory;
    private final Rhythm rhythm;
    private final HealthProbe health;
    /** The meters that read this application's state, removed at shutdown (see {@link #unregister}). */
    private final List<Meter> readers = new CopyOnWriteArrayList<>();

    private final VoiceCatalog catalog;
    private final ProviderVoices providers;

    private final HeartbeatConfig config;
    private final Replicas replicas;
    private final Unwritten unwritten;

    public HeartbeatMetrics(MeterRegistry registry, PulseMemory memory, Rhythm rhythm, HealthProbe health,
            VoiceCatalog catalog, ProviderVoices providers, HeartbeatConfig config, Replicas replicas, Unwritten unwritten) {
        this.replicas = replicas;
        this.unwritten = unwritten;
        this.registry = registry;
        this.config = config;
        this.catalog = catalog;
        this.providers = providers;
        this.memory = memory;
        this.rhythm = rhythm;
        this.health = health;
    }

    void register(@Observes StartupEvent event) {
        gauge("last.pulse.timestamp", "seconds", "When the newest pulse started (Unix time)",
                () -> seconds(memory.history().last().map(Pulse::startedAt).orElse(null)));
        gauge("last.success.timestamp", "seconds", "When the newest pulse that did not fail started (Unix time)",
                () -> seconds(memory.history().lastSuccess().map(PulseSummary::startedAt).orElse(null)));
        gauge("next.pulse.timestamp", "seconds", "When the next pulse is due (Unix time)",
                () -> {
                    Due next = rhythm.view().next();
                    return seconds(next == null ? null : next.at());
                });
        gauge("consciousness.score", null, "Consciousness score of the newest pulse (NaN when it has none)",
                () -> memory.history().last().map(Pulse::score).map(Double::doubleValue).orElse(Double.NaN));
        gauge("voices.present", null, "Voices that answered in the newest pulse",
                () -> memory.history().last().map(p -> (double) p.voicesPresent()).orElse(Double.NaN));
        gauge("up", null, "1 unless the heartbeat is failing or down (as /health/heartbeat)",
                () -> health.now().bad() ? 0.0 : 1.0);
        for (HeartbeatHealth.Status status : HeartbeatHealth.Status.values()) {
            readers.add(Gauge.builder(PREFIX + "status", health, h -> h.now().status() == status ? 1.0 : 0.0)
                    .description("1 for the heartbeat's status (new, up, late, failing, down), 0 for the others")
                    .tag("status", status.label()).strongReference(true).register(registry));
        }
        gauge("leader", null, "1 on the replica that runs the rhythm (always, on the file store)",
                () -> replicas.leading() ? 1.0 : 0.0);
        // so that a staleness rule needs no period of its own: late past next_pulse_timestamp plus this
        gauge("freshness.grace", "seconds", "How late a due pulse may be before the heartbeat is down",
                () -> config.freshness().grace().toMillis() / 1000.0);
        functionCounter("alerts", "Pulses that scored below the alert threshold", m -> m.history().counts().alerts());
        functionCounter("celebrations", "Pulses that triggered a celebration", m -> m.history().counts().celebrations());
        functionCounter("log.write.failures", "Failed attempts to write a pulse record",
                m -> m.storeHealth().writeFailures());
        functionCounter("log.records.skipped", "Pulse record files that could not be read",
                m -> m.storeHealth().skippedRecords());
        gauge("log.pending", null, "Pulses waiting in memory until the store can be written",
                () -> (double) memory.storeHealth().pending());
        // kept: written elsewhere at shutdown and read back at the next start; lost: dropped or kept nowhere
        for (String fate : List.of("kept", "lost")) {
            readers.add(FunctionCounter.builder(PREFIX + "log.unwritten.pulses", unwritten,
                    u -> "kept".equals(fate) ? u.kept() : u.lost())
                    .description("Pulses the store could not write in time: kept elsewhere for the next start, or lost")
                    .tag("fate", fate).register(registry));
        }
        // the newest pulse's outcome as a state set: a rule on it sees an alert pulse whenever it is scraped first,
        // where increase() on a counter cannot see a series' first sample (a pulse right after a start)
        for (PulseOutcome outcome : PulseOutcome.values()) {
            readers.add(Gauge.builder(PREFIX + "last.pulse.outcome", memory,
                    m -> m.history().last().map(p -> p.outcome() == outcome ? 1.0 : 0.0).orElse(0.0))
                    .description("1 for the outcome of the newest pulse, 0 for the others (all 0 before any pulse)")
                    .tag("outcome", outcome.label()).strongReference(true).register(registry));
        }
        for (String provider : providers.providers()) {
            readers.add(Gauge.builder(PREFIX + "provider.circuit.open", providers, p -> p.circuitOpen(provider) ? 1 : 0)
                    .description("1 while the provider's circuit is open and it is left out of the circle")
                    .tag("provider", provider).strongReference(true).register(registry));
        }
        exportAtZero();
    }

    /**
     * Every series the events below can create, at zero from the start: {@code increase()} and {@code rate()}
     * cannot see a series' first sample, so a counter that appeared with its first failure would alert one
     * event late.
     */
    private void exportAtZero() {
        for (PulseOutcome outcome : PulseOutcome.values()) {
            for (PulseReason reason : PulseReason.values()) {
                pulses(outcome, reason);
            }
        }
        for (PulseSkipped.Cause cause : PulseSkipped.Cause.values()) {
            skips(cause);
        }
        for (Ceremony ceremony : Ceremony.values()) {
            pulseDuration(ceremony.label());
        }
        pulseDuration(NO_CEREMONY);
        for (String provider : catalog.available().stream().map(v -> v.id().provider()).distinct().toList()) {
            for (ReplyOutcome outcome : ReplyOutcome.values()) {
                replies(provider, outcome);
            }
            replyDuration(provider);
        }
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
        pulses(pulse.outcome(), pulse.reason()).increment();
        pulseDuration(pulse.ceremony() == null ? NO_CEREMONY : pulse.ceremony().label()).record(pulse.duration());
        for (Round round : pulse.rounds()) {
            for (Reply reply : round.replies()) {
                replies(reply.voice().provider(), reply.outcome()).increment();
                replyDuration(reply.voice().provider()).record(reply.latency());
            }
        }
    }

    void onSkipped(@Observes PulseSkipped skipped) {
        skips(skipped.cause()).increment();
    }

    private Counter pulses(PulseOutcome outcome, PulseReason reason) {
        return Counter.builder(PREFIX + "pulses").description("Pulses by outcome and reason")
                .tag("outcome", outcome.label()).tag("reason", reason.label()).register(registry);
    }

    private Counter skips(PulseSkipped.Cause cause) {
        return Counter.builder(PREFIX + "pulses.skipped").description("Pulses asked for that did not run, by cause")
                .tag("cause", cause.label()).register(registry);
    }

    private Timer pulseDuration(String ceremony) {
        return Timer.builder(PREFIX + "pulse.duration").description("Wall time of a pulse")
                .tag("ceremony", ceremony).register(registry);
    }

    private Counter replies(String provider, ReplyOutcome outcome) {
        return Counter.builder(PREFIX + "voice.replies").description("Replies asked of voices, by provider and outcome")
                .tag("provider", provider).tag("outcome", outcome.label()).register(registry);
    }

    private Timer replyDuration(String provider) {
        return Timer.builder(PREFIX + "voice.reply.duration")
                .description("Time from question to answer or cut-off, by provider")
                .tag("provider", provider).register(registry);
    }

    private void gauge(String name, String unit, String help, Supplier<Double> value) {
        readers.add(Gauge.builder(PREFIX + name, value, Supplier::get).baseUnit(unit).description(help)
                .strongReference(true).register(registry));
    }

    /** Micrometer holds the state object weakly: this bean lives as long as the application, a lambda would not. */
    private void functionCounter(String name, String help, ToLongFunction<PulseMemory> value) {
        readers.add(FunctionCounter.builder(PREFIX + name, memory, m -> value.applyAsLong(m)).description(help)
                .register(registry));
    }

    /** Unix seconds; 0 for "never", the Prometheus convention for timestamps that alert rules expect. */
    private static double seconds(Instant instant) {
        return instant == null ? 0.0 : instant.toEpochMilli() / 1000.0;
    }
}
