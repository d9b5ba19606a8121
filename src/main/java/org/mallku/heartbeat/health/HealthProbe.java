package org.mallku.heartbeat.health;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.rhythm.Rhythm;
import org.mallku.heartbeat.voice.VoiceCatalog;

import io.quarkus.runtime.StartupEvent;

/** The heartbeat's health now ({@link HeartbeatHealth}), from memory only: the history and the rhythm's expectation. */
@ApplicationScoped
public class HealthProbe {

    private static final Logger LOG = Logger.getLogger(HealthProbe.class);

    private final HeartbeatConfig config;
    private final PulseMemory memory;
    private final Rhythm rhythm;
    private final VoiceCatalog catalog;
    private final Clock clock;

    public HealthProbe(HeartbeatConfig config, PulseMemory memory, Rhythm rhythm, VoiceCatalog catalog, Clock clock) {
        this.config = config;
        this.memory = memory;
        this.rhythm = rhythm;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** A service that cannot form a circle says so loudly at the start, not only in each failed pulse. */
    void onStart(@Observes StartupEvent event) {
        if (config.mode() == HeartbeatConfig.Mode.SERVICE || config.mode() == HeartbeatConfig.Mode.SINGLE_PULSE) {
            cannotWork().ifPresent(why -> LOG.warn("Every pulse will fail: " + why));
        }
    }

    public HeartbeatHealth now() {
        return HeartbeatHealth.judge(memory.history(), rhythm::expectedAfter, config.freshness().grace(), cannotWork(),
                clock.instant());
    }

    /** Fewer voices configured than a pulse needs, open circuits left aside (those show in the pulses that fail). */
    private Optional<String> cannotWork() {
        int configured = catalog.configured();
        int min = config.voices().min();
        if (configured >= min) {
            return Optional.empty();
        }
        return Optional.of("only " + configured + " distinct voice" + (configured == 1 ? " is" : "s are")
                + " configured and heartbeat.voices.min is " + min + ": set provider keys (such as ANTHROPIC_API_KEY or"
                + " OPENAI_API_KEY; LOCAL_API_ENDPOINT for a local server), or HEARTBEAT_VOICES_OFFLINE_ENABLED=true"
                + " for the offline voices");
    }
}
