package org.mallku.heartbeat.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.mallku.heartbeat.health.HeartbeatHealth;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseSummary;
import org.mallku.heartbeat.rhythm.Expectation;

/**
 * The answer to "how is the heart, and how well did it last beat?": the service's own judgement
 * ({@link HeartbeatHealth}, on the schedule), the recent figures of the {@link PulseHistory} as the API publishes
 * them, and the reference status tool's figure, the mean of the newest five scores with its trend.
 *
 * @param health        the heartbeat's health, as {@code /health/heartbeat} tells it
 * @param last          the newest pulse, {@code null} when there is none
 * @param lastSuccess   the newest pulse that did not fail, {@code null} when there is none
 * @param total         pulses ever recorded
 * @param recentAverage {@link PulseHistory#recentAverage()}
 * @param recentFailed  {@link PulseHistory#recentFailed()}
 * @param scoredMean    mean of the newest five scores (the reference's figure), {@code null} without any
 * @param trend         {@code rising}, {@code falling}, {@code steady} over those scores, or {@code null} with fewer
 *                      than two
 * @param remind        whether the reference's reminder is due ({@link PulseHistory#silent})
 */
public record StatusReport(HeartbeatHealth health, PulseSummary last, PulseSummary lastSuccess, long total,
        Double recentAverage, int recentFailed, Double scoredMean, String trend, boolean remind) {

    static final double TREND_STEP = 0.05;

    /**
     * Judged as the service judges it: the pulse after the newest with a result is expected on the schedule, counted
     * from the first pulse when none had a result, and from now when there is no pulse at all.
     */
    public static StatusReport of(PulseHistory history, Expectation expectation, Duration grace,
            Instant now) {
        Instant watchedSince = history.counts().firstPulseAt() == null ? now : history.counts().firstPulseAt();
        HeartbeatHealth health = HeartbeatHealth.judge(history, last -> expectation.after(last, watchedSince, history, now),
                grace, Optional.empty(), now);
        List<Double> scores = history.trend().newestFirst();
        return new StatusReport(health, history.recent().isEmpty() ? null : history.recent().get(0),
                history.lastSuccess().orElse(null), history.counts().total(), history.recentAverage(),
                history.recentFailed(), scores.isEmpty() ? null : history.trend().recent(), trend(scores),
                !history.recent().isEmpty() && history.silent(now));
    }

    /** The exit code of {@code status}: 0 up, 1 late or new, 2 failing or down. */
    public int exitCode() {
        return switch (health.status()) {
            case UP -> 0;
            case NEW, LATE -> 1;
            case FAILING, DOWN -> 2;
        };
    }

    /** Newest against oldest of the window's scores. */
    static String trend(List<Double> newestFirst) {
        if (newestFirst.size() < 2) {
            return null;
        }
        double change = newestFirst.get(0) - newestFirst.get(newestFirst.size() - 1);
        return change > TREND_STEP ? "rising" : change < -TREND_STEP ? "falling" : "steady";
    }
}
