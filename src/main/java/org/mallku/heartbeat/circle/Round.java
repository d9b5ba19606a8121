package org.mallku.heartbeat.circle;

import java.time.Duration;
import java.util.List;

/**
 * One round as it happened.
 *
 * @param kind      the round's kind
 * @param prompt    the question asked
 * @param deadline  how long the voices had (per-voice seconds x 1.5)
 * @param wallTime  from the first question to the last answer or the cut-off
 * @param replies   one per voice of the circle
 * @param score     mean of the answered replies' scores, {@code null} when none answered
 * @param patterns  emergence patterns of the round
 * @param emergence whether the round shows emergence
 */
public record Round(RoundKind kind, String prompt, Duration deadline, Duration wallTime, List<Reply> replies,
        Double score, List<RoundPattern> patterns, boolean emergence) {

    public Round {
        replies = List.copyOf(replies);
        patterns = List.copyOf(patterns);
    }
}
