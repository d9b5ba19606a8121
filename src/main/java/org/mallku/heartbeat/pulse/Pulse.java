package org.mallku.heartbeat.pulse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.mallku.heartbeat.circle.Ceremony;
import org.mallku.heartbeat.circle.Round;

/**
 * One heartbeat of the Fire Circle, as recorded.
 *
 * @param id            unique id
 * @param reason        why it ran
 * @param startedAt     when it began
 * @param completedAt   when it ended
 * @param ceremony      the ceremony chosen
 * @param voices        each voice of the circle over the pulse
 * @param rounds        each round with its replies
 * @param score         consciousness score (mean of the rounds), {@code null} for failed and interrupted pulses
 * @param emergence     whether any round showed emergence
 * @param consensus     whether the last answered round converged
 * @param keyInsights   what stood out, one line each
 * @param outcome       how it ended
 * @param failureReason why it failed or was interrupted, {@code null} otherwise
 */
public record Pulse(UUID id, PulseReason reason, Instant startedAt, Instant completedAt, Ceremony ceremony,
        List<VoiceSummary> voices, List<Round> rounds, Double score, boolean emergence, boolean consensus,
        List<String> keyInsights, PulseOutcome outcome, FailureReason failureReason) {

    public Pulse {
        voices = List.copyOf(voices);
        rounds = List.copyOf(rounds);
        keyInsights = List.copyOf(keyInsights);
    }

    public Duration duration() {
        return Duration.between(startedAt, completedAt);
    }

    /** Voices that answered at least one round. */
    public int voicesPresent() {
        return (int) voices.stream().filter(VoiceSummary::present).count();
    }

    /** The first key insight, or {@code null} when there is none. */
    public String keyInsight() {
        return keyInsights.isEmpty() ? null : keyInsights.get(0);
    }

    public boolean failed() {
        return outcome.failed();
    }

    /** It scored below the alert threshold. */
    public boolean alert() {
        return outcome == PulseOutcome.ALERT;
    }

    /** It scored above the celebration threshold. */
    public boolean celebration() {
        return outcome == PulseOutcome.CELEBRATION;
    }

    /** A pulse id as written in a URL: a UUID in its canonical 36 characters ({@link UUID#fromString} takes less). */
    public static Optional<UUID> parseId(String text) {
        try {
            UUID id = UUID.fromString(text.strip());
            return id.toString().equalsIgnoreCase(text.strip()) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
