package org.mallku.heartbeat.health;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.rhythm.Rhythm;

/** The freshness of the heartbeat now, from memory only: the last pulse and the rhythm's expectation. */
@ApplicationScoped
public class FreshnessProbe {

    private final HeartbeatConfig config;
    private final PulseMemory memory;
    private final Rhythm rhythm;
    private final Clock clock;

    public FreshnessProbe(HeartbeatConfig config, PulseMemory memory, Rhythm rhythm, Clock clock) {
        this.config = config;
        this.memory = memory;
        this.rhythm = rhythm;
        this.clock = clock;
    }

    public Freshness now() {
        Instant last = memory.history().last().map(Pulse::startedAt).orElse(null);
        return Freshness.of(last, rhythm.expectedAfter(last).orElse(null), config.freshness().grace(), clock.instant());
    }
}
