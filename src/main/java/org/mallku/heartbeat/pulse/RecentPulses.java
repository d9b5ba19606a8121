package org.mallku.heartbeat.pulse;

import java.util.List;
import java.util.Objects;

import org.mallku.heartbeat.circle.ScoreTrend;

/**
 * How the heartbeat has been doing lately, as operators read it: a failed or interrupted pulse counts as a
 * score of 0, so failures pull the average down instead of disappearing from it.
 */
public final class RecentPulses {

    /** How many of the newest pulses the average looks at. */
    public static final int WINDOW = 10;

    private RecentPulses() {
    }

    /** Mean of the newest {@value #WINDOW} pulses with failures as 0; {@code null} when there are none. */
    public static Double average(List<PulseSummary> newestFirst) {
        return newestFirst.stream().limit(WINDOW)
                .mapToDouble(p -> p.score() == null ? 0.0 : p.score())
                .average().stream().boxed().findFirst().orElse(null);
    }

    /** The scores ceremony choice and the adaptive rhythm read: the newest scored pulses, failures left out. */
    public static ScoreTrend trend(List<PulseSummary> newestFirst) {
        return new ScoreTrend(newestFirst.stream().map(PulseSummary::score).filter(Objects::nonNull)
                .limit(ScoreTrend.WINDOW).toList());
    }

    /** Failed or interrupted pulses among the newest {@value #WINDOW}. */
    public static int failed(List<PulseSummary> newestFirst) {
        return (int) newestFirst.stream().limit(WINDOW).filter(PulseSummary::failed).count();
    }
}
