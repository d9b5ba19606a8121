package org.mallku.heartbeat.pulse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.mallku.heartbeat.circle.ScoreTrend;

/**
 * What the heartbeat knows of its past, as one immutable value replaced whole on each pulse: the newest pulse with
 * its transcript, a bounded window of recent pulses, counters over the whole history, and every figure read from
 * them, each over a named window. The API, health, metrics, the status command, the rhythm and ceremony choice all
 * read this one object, so they cannot disagree.
 *
 * @param latest the newest pulse, {@code null} before any
 * @param recent the newest pulses, newest first, at most {@link #WINDOW}
 * @param counts counters over every pulse ever recorded
 */
public record PulseHistory(Pulse latest, List<PulseSummary> recent, Counts counts) {

    /** Recent pulses kept in memory: enough for ceremony choice, the rhythm, freshness and the first pages. */
    public static final int WINDOW = 500;
    /** The recent average and the recent failures look at this many of the newest pulses. */
    public static final int RECENT = 10;
    /** The reference's reminder: this long after the last successful pulse the heartbeat is called silent. */
    public static final Duration REMIND_AFTER = Duration.ofHours(12);

    public static final PulseHistory EMPTY = new PulseHistory(null, List.of(), Counts.NONE);

    /**
     * @param total        pulses ever recorded
     * @param alerts       pulses that raised an alert
     * @param celebrations pulses that triggered a celebration
     * @param failed       pulses that failed or were interrupted
     * @param firstPulseAt when the first pulse started, {@code null} before any
     */
    public record Counts(long total, long alerts, long celebrations, long failed, Instant firstPulseAt) {

        public static final Counts NONE = new Counts(0, 0, 0, 0, null);

        Counts plus(Pulse pulse) {
            return new Counts(total + 1, alerts + (pulse.alert() ? 1 : 0), celebrations + (pulse.celebration() ? 1 : 0),
                    failed + (pulse.failed() ? 1 : 0), firstPulseAt == null ? pulse.startedAt() : firstPulseAt);
        }
    }

    public PulseHistory {
        recent = List.copyOf(recent.subList(0, Math.min(recent.size(), WINDOW)));
    }

    /** This history with {@code pulse} as its newest. */
    public PulseHistory plus(Pulse pulse) {
        return new PulseHistory(pulse, Stream.concat(Stream.of(PulseSummary.of(pulse)), recent.stream()).toList(),
                counts.plus(pulse));
    }

    public Optional<Pulse> last() {
        return Optional.ofNullable(latest);
    }

    /** Mean score of the newest {@value #RECENT} pulses, a failed one counting as 0; {@code null} before any. */
    public Double recentAverage() {
        return recent.stream().limit(RECENT).mapToDouble(p -> p.score() == null ? 0.0 : p.score())
                .average().stream().boxed().findFirst().orElse(null);
    }

    /** Failed or interrupted pulses among the newest {@value #RECENT}. */
    public int recentFailed() {
        return (int) recent.stream().limit(RECENT).filter(PulseSummary::failed).count();
    }

    /** Fewer than half of the newest {@value #RECENT} pulses failed (none at all counts as stable). */
    public boolean stable() {
        return recentFailed() * 2 < Math.max(1, Math.min(RECENT, recent.size()));
    }

    /** The scores ceremony choice and the adaptive rhythm read: the newest scored pulses, failures left out. */
    public ScoreTrend trend() {
        return new ScoreTrend(recent.stream().map(PulseSummary::score).filter(Objects::nonNull)
                .limit(ScoreTrend.WINDOW).toList());
    }

    /** The newest pulse that did not fail, within the window. */
    public Optional<PulseSummary> lastSuccess() {
        return recent.stream().filter(p -> !p.failed()).findFirst();
    }

    /** How many of the newest pulses in a row failed. */
    public int failingInARow() {
        return (int) recent.stream().takeWhile(PulseSummary::failed).count();
    }

    /** Whether the heartbeat has had no successful pulse for {@link #REMIND_AFTER} (or none at all) at {@code now}. */
    public boolean silent(Instant now) {
        return lastSuccess().map(p -> Duration.between(p.startedAt(), now).compareTo(REMIND_AFTER) > 0).orElse(true);
    }

    /** The newest pulse asked for by a person (manual or diagnostic), within the window. */
    public Optional<PulseSummary> lastAskedFor() {
        return recent.stream().filter(p -> !p.reason().scheduled()).findFirst();
    }
}
