package org.mallku.heartbeat.circle;

import java.util.Locale;

/** The kind of a ceremony round, with the base score the reference heuristic gives a reply in it. */
public enum RoundKind {
    OPENING(0.70),
    EXPLORATION(0.70),
    REFLECTION(0.85),
    CLARIFICATION(0.70),
    EVALUATION(0.70),
    PROPOSAL(0.80),
    SYNTHESIS(0.80),
    DECISION(0.80),
    VISION(0.70);

    private final double baseScore;

    RoundKind(double baseScore) {
        this.baseScore = baseScore;
    }

    /** Reflection-like 0.85, proposal/summary-like 0.80, questions and everything else 0.70. */
    public double baseScore() {
        return baseScore;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
