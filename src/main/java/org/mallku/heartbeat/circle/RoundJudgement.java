package org.mallku.heartbeat.circle;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference's reading of a round from its reply scores: with at least two replies, a mean above 0.7
 * is {@link RoundPattern#HIGH_CONSCIOUSNESS_COHERENCE} and a population variance below 0.05 is
 * {@link RoundPattern#CONSCIOUSNESS_CONVERGENCE}; the round shows
 * emergence when it has a pattern and a mean above 0.6.
 */
public record RoundJudgement(Double score, List<RoundPattern> patterns, boolean emergence) {

    public static RoundJudgement of(List<Double> scores) {
        if (scores.isEmpty()) {
            return new RoundJudgement(null, List.of(), false);
        }
        double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double variance = scores.stream().mapToDouble(s -> (s - mean) * (s - mean)).average().orElseThrow();
        List<RoundPattern> patterns = new ArrayList<>();
        if (scores.size() >= 2) {
            if (mean > 0.7) {
                patterns.add(RoundPattern.HIGH_CONSCIOUSNESS_COHERENCE);
            }
            if (variance < 0.05) {
                patterns.add(RoundPattern.CONSCIOUSNESS_CONVERGENCE);
            }
        }
        return new RoundJudgement(mean, List.copyOf(patterns), !patterns.isEmpty() && mean > 0.6);
    }
}
