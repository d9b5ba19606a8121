package org.mallku.heartbeat.pulse;

import java.time.Duration;

import org.mallku.heartbeat.voice.ReplyOutcome;
import org.mallku.heartbeat.voice.TokenUsage;

/**
 * One voice over a whole pulse.
 *
 * @param provider  provider name ({@code offline} for the built-in voices)
 * @param model     model name
 * @param archetype the voice's role in the circle
 * @param outcome   {@code ok} when every round was answered, else the first failure's outcome
 * @param latency   mean latency of its answered rounds, {@code null} if it answered none
 * @param error     the first failure's reason, {@code null} when none
 * @param usage     tokens spent over all rounds, {@code null} when the provider never said
 */
public record VoiceSummary(String provider, String model, String archetype, ReplyOutcome outcome, Duration latency,
        String error, TokenUsage usage) {

    public boolean present() {
        return latency != null;
    }
}
