package org.mallku.heartbeat.voice;

/**
 * What a voice said.
 *
 * @param text  the reply
 * @param usage tokens spent, or {@code null} when the provider does not say
 */
public record VoiceAnswer(String text, TokenUsage usage) {
}
