package org.mallku.heartbeat.circle;

/** One round of a ceremony: its kind, the seconds each voice has (before the configured cap) and the question. */
public record RoundSpec(RoundKind kind, int seconds, String prompt) {
}
