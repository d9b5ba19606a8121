package org.mallku.heartbeat.rhythm;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

import org.mallku.heartbeat.config.QuartzCron;
import org.mallku.heartbeat.pulse.PulseReason;

import com.cronutils.model.time.ExecutionTime;

/**
 * One source of due times (the daily check-in, the interval grid, the cron), as pure functions of an instant.
 * Local times are read in the configured zone: a local time that does not exist (spring forward) is due at the
 * first valid instant after it, the transition itself; an ambiguous one (fall back) once, at its first
 * occurrence.
 */
sealed interface DueTimes {

    PulseReason reason();

    /** The first due time strictly after {@code after}. */
    Optional<Instant> next(Instant after);

    /** The last due time at or before {@code atOrBefore}. */
    Optional<Instant> previous(Instant atOrBefore);

    /** The instant of a local date-time in {@code zone}, by the rules above. */
    static Instant at(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return local.atZone(zone).toInstant(); // an overlap takes the earlier offset
    }

    /** Every day at a local time. */
    record Daily(LocalTime time, ZoneId zone) implements DueTimes {

        @Override
        public PulseReason reason() {
            return PulseReason.DAILY;
        }

        @Override
        public Optional<Instant> next(Instant after) {
            for (LocalDate day = after.atZone(zone).toLocalDate().minusDays(1);; day = day.plusDays(1)) {
                Instant due = at(day.atTime(time), zone);
                if (due.isAfter(after)) {
                    return Optional.of(due);
                }
            }
        }

        @Override
        public Optional<Instant> previous(Instant atOrBefore) {
            for (LocalDate day = atOrBefore.atZone(zone).toLocalDate().plusDays(1);; day = day.minusDays(1)) {
                Instant due = at(day.atTime(time), zone);
                if (!due.isAfter(atOrBefore)) {
                    return Optional.of(due);
                }
            }
        }
    }

    /**
     * A fixed grid of local times anchored at midnight: {@code 6h} is 00:00, 06:00, 12:00 and 18:00 every day, never
     * "6 h after the last pulse", so it cannot drift. An interval that does not divide the day starts again at
     * each midnight; one of a day or more counts whole intervals from local midnight of 1970-01-01.
     */
    record Grid(Duration interval, ZoneId zone) implements DueTimes {

        private static final Duration DAY = Duration.ofDays(1);

        @Override
        public PulseReason reason() {
            return PulseReason.INTERVAL;
        }

        @Override
        public Optional<Instant> next(Instant after) {
            if (interval.compareTo(DAY) >= 0) {
                Instant anchor = at(LocalDate.EPOCH.atStartOfDay(), zone);
                long n = Math.floorDiv(Duration.between(anchor, after).toNanos(), interval.toNanos()) + 1;
                return Optional.of(anchor.plus(interval.multipliedBy(n)));
            }
            for (LocalDate day = after.atZone(zone).toLocalDate().minusDays(1);; day = day.plusDays(1)) {
                for (long k = Math.max(0, slotNear(day, after) - margin(day)); k < slotsPerDay(); k++) {
                    Instant due = at(day.atStartOfDay().plus(interval.multipliedBy(k)), zone);
                    if (due.isAfter(after)) {
                        return Optional.of(due);
                    }
                }
            }
        }

        @Override
        public Optional<Instant> previous(Instant atOrBefore) {
            if (interval.compareTo(DAY) >= 0) {
                Instant anchor = at(LocalDate.EPOCH.atStartOfDay(), zone);
                long n = Math.floorDiv(Duration.between(anchor, atOrBefore).toNanos(), interval.toNanos());
                return Optional.of(anchor.plus(interval.multipliedBy(n)));
            }
            for (LocalDate day = atOrBefore.atZone(zone).toLocalDate().plusDays(1);; day = day.minusDays(1)) {
                for (long k = Math.min(slotsPerDay() - 1, slotNear(day, atOrBefore) + margin(day)); k >= 0; k--) {
                    Instant due = at(day.atStartOfDay().plus(interval.multipliedBy(k)), zone);
                    if (!due.isAfter(atOrBefore)) {
                        return Optional.of(due);
                    }
                }
            }
        }

        private long slotsPerDay() {
            return (DAY.toNanos() + interval.toNanos() - 1) / interval.toNanos();
        }

        /** The slot of {@code day} that {@code instant} falls in, counting real time from local midnight. */
        private long slotNear(LocalDate day, Instant instant) {
            long elapsed = Duration.between(at(day.atStartOfDay(), zone), instant).toNanos();
            return Math.max(-1, Math.min(slotsPerDay(), Math.floorDiv(elapsed, interval.toNanos())));
        }

        /** How many slots a daylight-saving shift on {@code day} can move local time against real time. */
        private long margin(LocalDate day) {
            long shift = Math.abs(zone.getRules().getOffset(at(day.plusDays(1).atStartOfDay(), zone)).getTotalSeconds()
                    - zone.getRules().getOffset(at(day.atStartOfDay(), zone)).getTotalSeconds());
            return Duration.ofSeconds(shift).toNanos() / interval.toNanos() + 2;
        }
    }

    /** A Quartz cron expression, as the Quarkus Scheduler reads it, in the configured zone. */
    record Cron(ZoneId zone, ExecutionTime times) implements DueTimes {

        Cron(String expression, ZoneId zone) {
            this(zone, ExecutionTime.forCron(QuartzCron.parse(expression)));
        }

        @Override
        public PulseReason reason() {
            return PulseReason.CRON;
        }

        @Override
        public Optional<Instant> next(Instant after) {
            return times.nextExecution(after.atZone(zone)).map(t -> t.toInstant());
        }

        @Override
        public Optional<Instant> previous(Instant atOrBefore) {
            return times.lastExecution(atOrBefore.plusNanos(1).atZone(zone)).map(t -> t.toInstant());
        }
    }
}
