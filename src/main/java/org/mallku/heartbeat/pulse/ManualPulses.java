package org.mallku.heartbeat.pulse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.mallku.heartbeat.circle.Ceremony;
import org.mallku.heartbeat.config.HeartbeatConfig;

/**
 * The rule for pulses a person asks for: never while one is in flight, and at most one per
 * {@code heartbeat.api.manual-cooldown}, counted from the last one asked for (the history remembers it across
 * restarts). A refusal is counted as a skipped pulse.
 */
@ApplicationScoped
public class ManualPulses {

    /** What became of the request. */
    public sealed interface Answer {
        record Started(PulseTicket ticket) implements Answer {
        }

        record InFlight() implements Answer {
        }

        /** Too soon after the last one; {@code retryIn}: until the next may be asked for. */
        record TooSoon(Duration retryIn) implements Answer {
        }
    }

    private final PulseEngine engine;
    private final PulseMemory memory;
    private final HeartbeatConfig config;
    private final Clock clock;
    private final Event<PulseSkipped> skipped;
    private Instant lastAsked;

    public ManualPulses(PulseEngine engine, PulseMemory memory, HeartbeatConfig config, Clock clock,
            Event<PulseSkipped> skipped) {
        this.engine = engine;
        this.memory = memory;
        this.config = config;
        this.clock = clock;
        this.skipped = skipped;
    }

    /** Starts a {@code reason} pulse (the ceremony named, or chosen from recent scores) if the rule allows it. */
    public synchronized Answer ask(PulseReason reason, Optional<Ceremony> ceremony) {
        if (engine.inFlight()) {
            skipped.fire(new PulseSkipped(reason, PulseSkipped.Cause.OVERLAP));
            return new Answer.InFlight();
        }
        Duration wait = cooldownLeft();
        if (!wait.isZero()) {
            skipped.fire(new PulseSkipped(reason, PulseSkipped.Cause.COOLDOWN));
            return new Answer.TooSoon(wait);
        }
        Optional<PulseTicket> ticket = engine.trigger(reason, ceremony); // counts an overlap itself
        if (ticket.isEmpty()) {
            return new Answer.InFlight();
        }
        lastAsked = clock.instant();
        return new Answer.Started(ticket.get());
    }

    private Duration cooldownLeft() {
        Instant last = memory.history().lastAskedFor().map(PulseSummary::startedAt)
                .filter(recorded -> lastAsked == null || recorded.isAfter(lastAsked)).orElse(lastAsked);
        if (last == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), last.plus(config.api().manualCooldown()));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
