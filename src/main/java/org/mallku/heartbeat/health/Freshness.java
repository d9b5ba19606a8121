package org.mallku.heartbeat.health;

import java.time.Duration;
import java.time.Instant;

import org.mallku.heartbeat.util.Labels;

/**
 * How fresh the heartbeat is, derived at read time the way healthchecks.io does it: {@code new} before the first
 * pulse (until the first due time plus grace passes), {@code up} until the next pulse is expected, {@code late}
 * past that, {@code down} past it plus the grace.
 *
 * @param status    the status
 * @param lastPulse when the newest pulse started, {@code null} before any
 * @param age       time since then, {@code null} before any
 * @param expected  when the next pulse is expected, {@code null} when nothing is scheduled
 */
public record Freshness(Status status, Instant lastPulse, Duration age, Instant expected) {

    public enum Status {
        NEW, UP, LATE, DOWN;

        public String label() {
            return Labels.of(this);
        }
    }

    /**
     * @param lastPulse when the newest pulse started, {@code null} before any
     * @param expected  the first due time after the last pulse (after the start when there is none), {@code null}
     *                  when nothing is scheduled
     */
    public static Freshness of(Instant lastPulse, Instant expected, Duration grace, Instant now) {
        Duration age = lastPulse == null ? null : Duration.between(lastPulse, now);
        boolean pastGrace = expected != null && !now.isBefore(expected.plus(grace));
        if (lastPulse == null) {
            return new Freshness(pastGrace ? Status.DOWN : Status.NEW, null, null, expected);
        }
        if (expected == null || now.isBefore(expected)) {
            return new Freshness(Status.UP, lastPulse, age, expected);
        }
        return new Freshness(pastGrace ? Status.DOWN : Status.LATE, lastPulse, age, expected);
    }

    public boolean down() {
        return status == Status.DOWN;
    }
}
