package org.mallku.heartbeat.circle;

import org.mallku.heartbeat.util.Labels;

/** The kind of a ceremony round: what its prompt asks for. */
public enum RoundKind {
    OPENING,
    EXPLORATION,
    REFLECTION,
    CLARIFICATION,
    EVALUATION,
    PROPOSAL,
    SYNTHESIS,
    DECISION,
    VISION;

    public String label() {
        return Labels.of(this);
    }
}
