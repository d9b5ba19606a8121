package org.mallku.heartbeat.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseSummary;
import org.mallku.heartbeat.util.Durations;
import org.mallku.heartbeat.util.Labels;

/**
 * How the heartbeat is, in the spirit of healthchecks.io, as every reader tells it: {@code /health/heartbeat},
 * {@code GET /heartbeat}, the status page, the {@code status} command, the notifiers and the metrics. Freshness
 * is measured from the newest pulse <em>with a result</em>: a failed pulse never makes the heartbeat fresh.
 *
 * @param status       the status
 * @param reason       why, in one sentence for people
 * @param lastPulse    when the newest pulse started, {@code null} before any
 * @param lastResult   when the newest pulse with a result started, {@code null} when there is none
 * @param age          time since then, {@code null} when there is none
 * @param expected     when the next pulse with a result is expected, {@code null} when nothing is scheduled
 * @param failingInARow how many of the newest pulses in a row failed
 */
public record HeartbeatHealth(Status status, String reason, Instant lastPulse, Instant lastResult, Duration age,
        Instant expected, int failingInARow) {

    public enum Status {
        /** No pulse yet, and none was due long enough ago to be missed. */
        NEW,
        /** The newest pulse has a result and the next is not yet due. */
        UP,
        /** The next pulse is due and has not come, within the grace. */
        LATE,
        /** The newest pulse failed (no result, whatever its age), or the service cannot form a circle. */
        FAILING,
        /** No pulse with a result within the expected time plus the grace. */
        DOWN;

        public String label() {
            return Labels.of(this);
        }

        /** Failing and down: {@code /health/heartbeat} answers 503 and {@code status} exits 2. */
        public boolean bad() {
            return this == FAILING || this == DOWN;
        }
    }

    /**
     * @param history      the pulses so far
     * @param expectedAfter when a pulse is expected after the given pulse with a result ({@code null}: there is none,
     *                     count from when the heartbeat has been watched)
     * @param grace        how late a pulse may be before the heartbeat is down
     * @param cannotWork   why no pulse can have a result as the service is configured (too few voices), if so
     * @param now          the time
     */
    public static HeartbeatHealth judge(PulseHistory history, Function<Instant, Optional<Instant>> expectedAfter,
            Duration grace, Optional<String> cannotWork, Instant now) {
        Instant lastPulse = history.recent().isEmpty() ? null : history.recent().get(0).startedAt();
        Instant lastResult = history.lastSuccess().map(PulseSummary::startedAt).orElse(null);
        Duration age = lastResult == null ? null : Duration.between(lastResult, now);
        Instant expected = expectedAfter.apply(lastResult).orElse(null);
        int failing = history.failingInARow();
        Optional<String> failure = cannotWork.or(() -> failing == 0 ? Optional.empty() : Optional.of(failure(history)));
        if (expected != null && !now.isBefore(expected.plus(grace))) {
            String since = lastResult == null ? "no pulse with a result yet" : "no pulse with a result since " + lastResult
                    + " (" + Durations.words(age) + " ago)";
            return new HeartbeatHealth(Status.DOWN, since + "; one was expected by " + expected + " and the grace of "
                    + Durations.words(grace) + " has passed" + failure.map(f -> "; " + f).orElse(""), lastPulse,
                    lastResult, age, expected, failing);
        }
        if (failure.isPresent()) {
            return new HeartbeatHealth(Status.FAILING, failure.get(), lastPulse, lastResult, age, expected, failing);
        }
        if (lastPulse == null) {
            return new HeartbeatHealth(Status.NEW, expected == null ? "no pulse yet, and none is scheduled"
                    : "no pulse yet; the first is expected by " + expected, null, null, null, expected, 0);
        }
        if (expected != null && !now.isBefore(expected)) {
            return new HeartbeatHealth(Status.LATE, "the pulse expected by " + expected + " is "
                    + Durations.words(Duration.between(expected, now)) + " late; down after a grace of "
                    + Durations.words(grace), lastPulse, lastResult, age, expected, 0);
        }
        return new HeartbeatHealth(Status.UP, "the last pulse had a result, "
                + Durations.words(age) + " ago" + (expected == null
                        ? "; no other pulse is scheduled" : "; the next is expected by " + expected),
                lastPulse, lastResult, age, expected, 0);
    }

    /** For example {@code the newest 6 pulses failed: no_replies: No voice answered in any round (local/llama3: error ...)}. */
    private static String failure(PulseHistory history) {
        int failing = history.failingInARow();
        PulseSummary newest = history.recent().get(0);
        StringBuilder s = new StringBuilder(failing == 1 ? "the newest pulse failed" : "the newest " + failing
                + (failing == PulseHistory.WINDOW ? " or more" : "") + " pulses failed");
        if (newest.failureReason() != null) {
            s.append(": ").append(newest.failureReason().label());
        }
        if (newest.keyInsight() != null) {
            s.append(": ").append(newest.keyInsight());
        }
        Pulse latest = history.latest();
        if (latest != null && latest.id().equals(newest.id())) {
            String voices = latest.voices().stream().filter(v -> !v.present())
                    .map(v -> v.provider() + "/" + v.model() + " " + v.outcome().label() + (v.error() == null ? "" : ": " + v.error()))
                    .collect(Collectors.joining("; "));
            if (!voices.isEmpty()) {
                s.append(" (").append(voices).append(')');
            }
        }
        return s.toString();
    }

    public boolean bad() {
        return status.bad();
    }
}
