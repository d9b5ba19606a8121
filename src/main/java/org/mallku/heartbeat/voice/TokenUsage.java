package org.mallku.heartbeat.voice;

/** Tokens a provider reports for one reply. */
public record TokenUsage(int input, int output) {

    public TokenUsage plus(TokenUsage other) {
        return other == null ? this : new TokenUsage(input + other.input, output + other.output);
    }
}
