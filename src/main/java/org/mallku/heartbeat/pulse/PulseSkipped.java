package org.mallku.heartbeat.pulse;

import org.mallku.heartbeat.util.Labels;

/**
 * CDI event: a pulse was asked for and did not run.
 *
 * @param reason why it was asked for
 * @param cause  why it did not run
 */
public record PulseSkipped(PulseReason reason, Cause cause) {

    public enum Cause {
        /** Another pulse was in flight, on this replica or another. */
        OVERLAP,
        /** A single-pulse run found a recent pulse that did not fail. */
        DEDUPE,
        /** A manual pulse came within the cooldown of the last one. */
        COOLDOWN,
        /** A scheduled pulse fell in the quiet hours and waits for their end. */
        QUIET_HOURS,
        /** Another replica has run or runs this due time (or it could not be claimed: the database is unreachable). */
        CLAIMED;

        /** As in metrics: {@code quiet_hours}. */
        public String label() {
            return Labels.of(this);
        }
    }
}
