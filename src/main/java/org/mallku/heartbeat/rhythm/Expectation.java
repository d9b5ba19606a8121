package org.mallku.heartbeat.rhythm;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.pulse.PulseHistory;

/**
 * When the next pulse is expected, as the service and the {@code status} command both judge it: the first
 * scheduled time past a pulse, or the adaptive rhythm's if earlier. Pure: a function of the configuration, the
 * history and the time.
 */
public final class Expectation {

    private final HeartbeatConfig config;
    private final Schedule schedule;

    public Expectation(HeartbeatConfig config) {
        this.config = config;
        this.schedule = Schedule.of(config);
    }

    /**
     * The first due time after {@code pulse} started (a due time within the check-in duration after it was part of
     * it), or after {@code watchedSince} when there is no pulse; empty when nothing is expected.
     */
    public Optional<Instant> after(Instant pulse, Instant watchedSince, PulseHistory history, Instant now) {
        Instant since = pulse != null ? pulse.plus(config.checkInDuration()).minusNanos(1) : watchedSince;
        if (since == null) {
            return Optional.empty();
        }
        Optional<Due> adaptive = Adaptive.next(Adaptive.phase(config.rhythm().phase(), history, now),
                Adaptive.state(history.trend()), pulse, config.rhythm().minGap(), config.timeZone(), schedule);
        return Stream.concat(schedule.next(since).stream(), adaptive.stream()).map(Due::at).min(Instant::compareTo);
    }
}
