package org.mallku.heartbeat.rhythm;

import java.time.Instant;

import org.mallku.heartbeat.pulse.PulseReason;

/**
 * A pulse the rhythm will run.
 *
 * @param at       when it runs
 * @param reason   why
 * @param original when it fell due before quiet hours moved it ({@code at} when they did not)
 */
public record Due(Instant at, PulseReason reason, Instant original) {

    public Due(Instant at, PulseReason reason) {
        this(at, reason, at);
    }

    public boolean movedByQuietHours() {
        return !original.equals(at);
    }
}
