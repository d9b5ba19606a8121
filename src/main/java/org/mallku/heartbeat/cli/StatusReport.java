package org.mallku.heartbeat.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.mallku.heartbeat.pulse.PulseSummary;

/**
 * The answer to "when did the heart last beat, and how well?", with the reference status tool's thresholds:
 * under 1 h strong and recent, under 6 h healthy, under 24 h weakening, else silent too long.
 *
 * @param last      the newest pulse, {@code null} when there is none
 * @param lastSuccess the newest pulse that did not fail, {@code null} when there is none
 * @param age       time since the newest pulse that did not fail started, {@code null} when there is none
 * @param newestFailed how many of the newest pulses in a row failed (or were interrupted)
 * @param total     pulses ever recorded
 * @param recent    mean score of the newest five scored pulses, {@code null} when there is none
 * @param failed    failed or interrupted pulses among the newest five
 * @param trend     {@code rising}, {@code falling}, {@code steady}, or {@code null} with fewer than two scores
 */
public record StatusReport(PulseSummary last, PulseSummary lastSuccess, Duration age, long newestFailed, long total,
        Assessment assessment, Double recent, long failed, String trend, boolean remind) {

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

    static final int TREND_WINDOW = 5;
    static final Duration REMIND_AFTER = Duration.ofHours(12);
    static final double TREND_STEP = 0.05;

    /**
     * Judged by the newest pulse that did not fail: a run of failed pulses is not a heartbeat, however recent. With
     * none that succeeded among {@code newestFirst} the heart is silent (or not yet established when there is none).
     *
     * @param newestFirst recent pulses, newest first
     */
    public static StatusReport of(List<PulseSummary> newestFirst, long total, Instant now) {
        if (newestFirst.isEmpty()) {
            return new StatusReport(null, null, null, 0, total, Assessment.NOT_ESTABLISHED, null, 0, null, false);
        }
        PulseSummary last = newestFirst.get(0);
        long newestFailed = newestFirst.stream().takeWhile(PulseSummary::failed).count();
        PulseSummary success = newestFailed < newestFirst.size() ? newestFirst.get((int) newestFailed) : null;
        Duration age = success == null ? null : Duration.between(success.startedAt(), now);
        List<PulseSummary> window = newestFirst.stream().limit(TREND_WINDOW).toList();
        List<Double> scores = window.stream().map(PulseSummary::score).filter(Objects::nonNull).toList();
        Double mean = scores.isEmpty() ? null : scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return new StatusReport(last, success, age, newestFailed, total, age == null ? Assessment.SILENT : assess(age), mean,
                window.stream().filter(PulseSummary::failed).count(), trend(scores),
                age == null || age.compareTo(REMIND_AFTER) > 0);
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
