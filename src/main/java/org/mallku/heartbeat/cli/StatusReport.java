package org.mallku.heartbeat.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseSummary;

/**
 * The answer to "when did the heart last beat, and how well?", with the reference status tool's thresholds:
 * under 1 h strong and recent, under 6 h healthy, under 24 h weakening, else silent too long. The recent figures
 * are the {@link PulseHistory}'s, as the API publishes them; the reference's own figure, the mean of the newest
 * five scores with its trend, keeps a name of its own.
 *
 * @param last          the newest pulse, {@code null} when there is none
 * @param lastSuccess   the newest pulse that did not fail, {@code null} when there is none
 * @param age           time since the newest pulse that did not fail started, {@code null} when there is none
 * @param failingInARow how many of the newest pulses in a row failed (or were interrupted)
 * @param total         pulses ever recorded
 * @param recentAverage {@link PulseHistory#recentAverage()}
 * @param recentFailed  {@link PulseHistory#recentFailed()}
 * @param scoredMean    mean of the newest five scores (the reference's figure), {@code null} without any
 * @param trend         {@code rising}, {@code falling}, {@code steady} over those scores, or {@code null} with fewer
 *                      than two
 * @param remind        whether the reference's reminder is due ({@link PulseHistory#silent})
 */
public record StatusReport(PulseSummary last, PulseSummary lastSuccess, Duration age, int failingInARow, long total,
        Assessment assessment, Double recentAverage, int recentFailed, Double scoredMean, String trend, boolean remind) {

    /** How the heartbeat is, with the exit code of the status command. */
    public enum Assessment {
        STRONG("strong and recent", 0),
        HEALTHY("healthy", 0),
        WEAKENING("weakening", 1),
        SILENT("silent too long", 2),
        NOT_ESTABLISHED("not yet established", 2);

        public final String words;
        public final int exitCode;

        Assessment(String words, int exitCode) {
            this.words = words;
            this.exitCode = exitCode;
        }
    }

    static final double TREND_STEP = 0.05;

    /**
     * Judged by the newest pulse that did not fail: a run of failed pulses is not a heartbeat, however recent. With
     * none that succeeded in the history the heart is silent (or not yet established when there is no pulse).
     */
    public static StatusReport of(PulseHistory history, Instant now) {
        if (history.recent().isEmpty()) {
            return new StatusReport(null, null, null, 0, history.counts().total(), Assessment.NOT_ESTABLISHED, null, 0,
                    null, null, false);
        }
        PulseSummary success = history.lastSuccess().orElse(null);
        Duration age = success == null ? null : Duration.between(success.startedAt(), now);
        List<Double> scores = history.trend().newestFirst();
        Double mean = scores.isEmpty() ? null : history.trend().recent();
        return new StatusReport(history.recent().get(0), success, age, history.failingInARow(), history.counts().total(),
                age == null ? Assessment.SILENT : assess(age), history.recentAverage(), history.recentFailed(), mean,
                trend(scores), history.silent(now));
    }

    static Assessment assess(Duration age) {
        if (age.compareTo(Duration.ofHours(1)) < 0) {
            return Assessment.STRONG;
        }
        if (age.compareTo(Duration.ofHours(6)) < 0) {
            return Assessment.HEALTHY;
        }
        if (age.compareTo(Duration.ofHours(24)) < 0) {
            return Assessment.WEAKENING;
        }
        return Assessment.SILENT;
    }

    /** Newest against oldest of the window's scores. */
    static String trend(List<Double> newestFirst) {
        if (newestFirst.size() < 2) {
            return null;
        }
        double change = newestFirst.get(0) - newestFirst.get(newestFirst.size() - 1);
        return change > TREND_STEP ? "rising" : change < -TREND_STEP ? "falling" : "steady";
    }

    /** {@code 2 hours 5 minutes ago}, {@code 3 days 4 hours ago}, {@code just now}. */
    public static String inWords(Duration age) {
        if (age.isNegative() || age.toMinutes() < 1) {
            return "just now";
        }
        long days = age.toDays();
        long hours = age.toHoursPart();
        long minutes = age.toMinutesPart();
        String words = days > 0 ? unit(days, "day") + (hours > 0 ? " " + unit(hours, "hour") : "")
                : hours > 0 ? unit(hours, "hour") + (minutes > 0 ? " " + unit(minutes, "minute") : "")
                : unit(minutes, "minute");
        return words + " ago";
    }

    private static String unit(long n, String name) {
        return n + " " + name + (n == 1 ? "" : "s");
    }
}
