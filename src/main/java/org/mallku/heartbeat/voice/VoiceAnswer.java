package org.mallku.heartbeat.voice;

import java.time.Duration;

/**
 * What a voice said.
 *
 * @param text    the reply
 * @param usage   tokens spent, or {@code null} when the provider does not say
 * @param latency the voice's own time, from its first request's send to this answer (retries included), or
 *                {@code null} when the voice has no such measure and the time since its round began is its latency
 */
public record VoiceAnswer(String text, TokenUsage usage, Duration latency) {

    public VoiceAnswer(String text, TokenUsage usage) {
        this(text, usage, null);
    }
}
