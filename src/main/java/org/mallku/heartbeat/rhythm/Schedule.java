package org.mallku.heartbeat.rhythm;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.mallku.heartbeat.config.HeartbeatConfig;

/**
 * When the configured pulses are due: the daily check-in, the interval grid and the cron, all combined. Two due
 * times closer than the check-in duration coalesce into one pulse with the reason of the earlier; a due time in
 * the quiet hours moves to their end. Pure: every answer is a function of its arguments.
 */
public final class Schedule {

    private final List<DueTimes> sources;
    private final Duration coalesce;
    private final ZoneId zone;
    private final Optional<LocalTime> quietStart;
    private final Optional<LocalTime> quietEnd;

    Schedule(List<DueTimes> sources, Duration coalesce, ZoneId zone, Optional<LocalTime> quietStart,
            Optional<LocalTime> quietEnd) {
        this.sources = List.copyOf(sources);
        this.coalesce = coalesce;
        this.zone = zone;
        this.quietStart = quietStart;
        this.quietEnd = quietEnd;
    }

    public static Schedule of(HeartbeatConfig config) {
        List<DueTimes> sources = new ArrayList<>();
        if (config.dailyPulse().enabled()) {
            sources.add(new DueTimes.Daily(config.dailyPulse().time(), config.timeZone()));
        }
        config.pulseInterval().ifPresent(interval -> sources.add(new DueTimes.Grid(interval, config.timeZone())));
        config.cron().ifPresent(cron -> sources.add(new DueTimes.Cron(cron, config.timeZone())));
        return new Schedule(sources, config.checkInDuration(), config.timeZone(), config.quietHours().start(),
                config.quietHours().end());
    }

    /** Nothing configured: no scheduled pulses at all. */
    public boolean isEmpty() {
        return sources.isEmpty();
    }

    /** The first pulse due strictly after {@code after}. */
    public Optional<Due> next(Instant after) {
        return sources.stream()
                .flatMap(source -> source.next(after).map(t -> due(t, source)).stream())
                .min(Comparator.comparing(Due::at).thenComparing(Due::original));
    }

    /**
     * The pulse after {@code fired}: due times closer to it than the check-in duration were part of it, and so
     * were those that waited with it for the end of the quiet hours.
     */
    public Optional<Due> following(Due fired) {
        return next(fired.at().plus(coalesce).minusNanos(1));
    }

    /** The last pulse that fell due at or before {@code now}, quiet hours applied. */
    public Optional<Instant> lastDue(Instant now) {
        return sources.stream()
                .flatMap(source -> lastDue(source, now).stream())
                .max(Comparator.naturalOrder());
    }

    /**
     * Whether a pulse fell due after {@code lastPulse} started and before {@code now}: the newest recorded pulse is
     * older than the last due time (a pulse within the check-in duration before it counts, it was coalesced).
     */
    public boolean missed(Instant lastPulse, Instant now) {
        return lastDue(now).filter(due -> lastPulse.isBefore(due.minus(coalesce))).isPresent();
    }

    private Optional<Instant> lastDue(DueTimes source, Instant now) {
        Optional<Instant> previous = source.previous(now);
        if (previous.isPresent() && quietEnd(previous.get()).isAfter(now)) {
            // it waits for the end of the quiet hours we are in: the one before it is the last that fell due
            previous = source.previous(quietStartBefore(previous.get()).minusNanos(1));
        }
        return previous.map(this::quietEnd);
    }

    /** Whether {@code instant} is in the quiet hours. */
    public boolean quiet(Instant instant) {
        if (quietStart.isEmpty()) {
            return false;
        }
        LocalTime local = instant.atZone(zone).toLocalTime();
        LocalTime start = quietStart.get();
        LocalTime end = quietEnd.orElseThrow();
        return start.isBefore(end)
                ? !local.isBefore(start) && local.isBefore(end)
                : !local.isBefore(start) || local.isBefore(end);
    }

    /** {@code instant}, or the end of the quiet hours it falls in. */
    Instant quietEnd(Instant instant) {
        if (!quiet(instant)) {
            return instant;
        }
        ZonedDateTime local = instant.atZone(zone);
        LocalTime end = quietEnd.orElseThrow();
        boolean endsTomorrow = !local.toLocalTime().isBefore(end);
        return DueTimes.at(local.toLocalDate().plusDays(endsTomorrow ? 1 : 0).atTime(end), zone);
    }

    /** When the quiet hours that {@code instant} falls in began. */
    private Instant quietStartBefore(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime start = quietStart.orElseThrow();
        boolean beganYesterday = local.toLocalTime().isBefore(start);
        return DueTimes.at(local.toLocalDate().minusDays(beganYesterday ? 1 : 0).atTime(start), zone);
    }

    private Due due(Instant original, DueTimes source) {
        return new Due(quietEnd(original), source.reason(), original);
    }
}
