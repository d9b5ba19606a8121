package org.mallku.heartbeat.pulse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * @param alert         score below the alert threshold
 * @param celebration   score above the celebration threshold
 * @param outcome       how it ended
 * @param failureReason why it failed or was interrupted, {@code null} otherwise
 */
public record Pulse(UUID id, PulseReason reason, Instant startedAt, Instant completedAt, Ceremony ceremony,
        List<VoiceSummary> voices, List<Round> rounds, Double score, boolean emergence, boolean consensus,
        List<String> keyInsights, boolean alert, boolean celebration, PulseOutcome outcome, String failureReason) {

    public static final String INSUFFICIENT_VOICES = "insufficient_voices";
    public static final String NO_REPLIES = "no_replies";
    public static final String INTERRUPTED = "interrupted";
    public static final String INTERNAL_ERROR = "internal_error";

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
        return outcome == PulseOutcome.FAILED || outcome == PulseOutcome.INTERRUPTED;
    }
}
