package org.mallku.heartbeat.pulse;

import org.mallku.heartbeat.util.Labels;

/** How a pulse ended. Only {@link #FAILED} and {@link #INTERRUPTED} pulses have no score. */
public enum PulseOutcome {
    OK,
    ALERT,
    CELEBRATION,
    FAILED,
    INTERRUPTED;

    /** No result: failed or interrupted. */
    public boolean failed() {
        return this == FAILED || this == INTERRUPTED;
    }

    public String label() {
        return Labels.of(this);
    }

    public static PulseOutcome fromLabel(String label) {
        return Labels.parse(PulseOutcome.class, label);
    }
}
