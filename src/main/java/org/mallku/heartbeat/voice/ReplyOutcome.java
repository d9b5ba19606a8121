package org.mallku.heartbeat.voice;

import java.util.Locale;

/** How one request to a voice ended. Only {@link #OK} replies are scored. */
public enum ReplyOutcome {
    OK,
    TIMEOUT,
    ERROR,
    RATE_LIMITED,
    CIRCUIT_OPEN;

    /** Lower-case name used in records and metric labels. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
