package org.mallku.heartbeat.circle;

import org.mallku.heartbeat.util.Labels;

/** What the reference reads in a round's reply scores, as records write it. */
public enum RoundPattern {
    /** At least two replies with a mean above 0.7. */
    HIGH_CONSCIOUSNESS_COHERENCE,
    /** At least two replies whose scores vary by less than 0.05. */
    CONSCIOUSNESS_CONVERGENCE;

    public String label() {
        return Labels.of(this);
    }

    public static RoundPattern fromLabel(String label) {
        return Labels.parse(RoundPattern.class, label);
    }
}
