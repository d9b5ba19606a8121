package org.mallku.heartbeat.rhythm;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.mallku.heartbeat.circle.ScoreTrend;
import org.mallku.heartbeat.config.HeartbeatConfig.Phase;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.util.Labels;

/**
 * The adaptive rhythm of the reference, wired: the state of the circle read from its recent pulses sets a
 * cadence on top of the configured schedule. Pure functions of the history, the phase and the time.
 */
public final class Adaptive {

    /** Days of history before {@code auto} becomes responsive, and days more before it becomes adaptive. */
    static final Duration RESPONSIVE_AFTER = Duration.ofDays(7);
    static final Duration ADAPTIVE_AFTER = RESPONSIVE_AFTER.plus(Duration.ofDays(14));
    /** An ordinary recent mean above this is an active circle, at or below it a resting one. */
    static final double ACTIVE_ABOVE = 0.6;

    private Adaptive() {
    }

    /** The state of the circle, with the reference's thresholds. */
    public enum State {
        CRISIS(Pattern.CRISIS),
        EMERGING(Pattern.EMERGENCE),
        CELEBRATING(Pattern.CELEBRATION),
        ACTIVE(Pattern.STEADY),
        RESTING(null);

        private final Pattern pattern;

        State(Pattern pattern) {
            this.pattern = pattern;
        }

        public String label() {
            return Labels.of(this);
        }
    }

    /**
     * The reference's cadence patterns: a base interval, the multiplier that quickens it in the adaptive phase,
     * and the local hours in which it may pulse (none: any hour, quiet hours included).
     */
    enum Pattern {
        STEADY(Duration.ofHours(6), 1.0, LocalTime.of(8, 0), LocalTime.of(20, 0)),
        EMERGENCE(Duration.ofHours(1), 2.0, null, null),
        CRISIS(Duration.ofMinutes(15), 4.0, null, null),
        CELEBRATION(Duration.ofHours(2), 1.5, LocalTime.of(6, 0), LocalTime.of(22, 0));

        final Duration interval;
        final double multiplier;
        final LocalTime from;
        final LocalTime until;

        Pattern(Duration interval, double multiplier, LocalTime from, LocalTime until) {
            this.interval = interval;
            this.multiplier = multiplier;
            this.from = from;
            this.until = until;
        }

        /** Crisis and emergence may pulse at any hour, quiet hours included. */
        boolean anyHour() {
            return from == null;
        }
    }

    /**
     * The state as ceremony choice reads the same scores (crisis, celebration, emergence, in that order), otherwise
     * active above {@value #ACTIVE_ABOVE}, else resting; resting before any score.
     */
    public static State state(ScoreTrend trend) {
        if (trend.newestFirst().isEmpty()) {
            return State.RESTING;
        }
        return switch (trend.reading()) {
            case CRISIS -> State.CRISIS;
            case CELEBRATION -> State.CELEBRATING;
            case EMERGENCE -> State.EMERGING;
            case ORDINARY -> trend.recent() > ACTIVE_ABOVE ? State.ACTIVE : State.RESTING;
        };
    }

    /**
     * The phase in effect: the configured one, or with {@code auto} the one the history has earned: responsive
     * after 7 days since the first pulse, adaptive after 14 more, provided the rhythm is
     * {@linkplain PulseHistory#stable() stable}; an unstable rhythm falls back to the fixed schedule.
     */
    public static Phase phase(Phase configured, PulseHistory history, Instant now) {
        if (configured != Phase.AUTO) {
            return configured;
        }
        Instant firstPulse = history.counts().firstPulseAt();
        if (firstPulse == null) {
            return Phase.ESTABLISHING;
        }
        Duration age = Duration.between(firstPulse, now);
        if (!history.stable() || age.compareTo(RESPONSIVE_AFTER) < 0) {
            return Phase.ESTABLISHING;
        }
        return age.compareTo(ADAPTIVE_AFTER) < 0 ? Phase.RESPONSIVE : Phase.ADAPTIVE;
    }

    /**
     * The next adaptive pulse, if the phase and state call for one: the pattern's interval (divided by its
     * multiplier in the adaptive phase) after the last pulse, never closer to it than {@code minGap}, moved into
     * the pattern's hours and out of the quiet hours unless it is crisis or emergence.
     */
    public static Optional<Due> next(Phase phase, State state, Instant lastPulse, Duration minGap, ZoneId zone,
            Schedule schedule) {
        Pattern pattern = state.pattern;
        if (pattern == null || lastPulse == null || phase == Phase.ESTABLISHING) {
            return Optional.empty();
        }
        if (phase == Phase.RESPONSIVE && pattern != Pattern.CRISIS && pattern != Pattern.EMERGENCE) {
            return Optional.empty();
        }
        Duration interval = phase == Phase.ADAPTIVE
                ? Duration.ofNanos((long) (pattern.interval.toNanos() / pattern.multiplier))
                : pattern.interval;
        Instant at = lastPulse.plus(interval.compareTo(minGap) < 0 ? minGap : interval);
        if (!pattern.anyHour()) {
            at = schedule.quietEnd(intoHours(at, pattern, zone));
        }
        return Optional.of(new Due(at, PulseReason.ADAPTIVE));
    }

    /** {@code at}, or the start of the pattern's next active hours. */
    private static Instant intoHours(Instant at, Pattern pattern, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (!time.isBefore(pattern.from) && time.isBefore(pattern.until)) {
            return at;
        }
        boolean tomorrow = !time.isBefore(pattern.until);
        return DueTimes.at(local.toLocalDate().plusDays(tomorrow ? 1 : 0).atTime(pattern.from), zone);
    }
}
