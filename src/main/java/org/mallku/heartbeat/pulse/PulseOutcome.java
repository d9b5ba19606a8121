package org.mallku.heartbeat.pulse;

import java.util.Locale;

/** How a pulse ended. Only {@link #FAILED} and {@link #INTERRUPTED} pulses have no score. */
public enum PulseOutcome {
    OK,
    ALERT,
    CELEBRATION,
    FAILED,
    INTERRUPTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PulseOutcome fromLabel(String label) {
        return valueOf(label.strip().toUpperCase(Locale.ROOT));
    }
}
