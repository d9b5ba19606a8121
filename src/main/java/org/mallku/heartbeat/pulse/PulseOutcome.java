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

    /** An alert is raised for a low score and for a pulse without a result, as the reference raises it. */
    public boolean raisesAlert() {
        return this == ALERT || failed();
    }

    public String label() {
        return Labels.of(this);
    }

    public static PulseOutcome fromLabel(String label) {
        return Labels.parse(PulseOutcome.class, label);
    }
}
