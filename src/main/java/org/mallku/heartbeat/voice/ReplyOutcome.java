package org.mallku.heartbeat.voice;

import org.mallku.heartbeat.util.Labels;

/** How one request to a voice ended. Only {@link #OK} replies are scored. */
public enum ReplyOutcome {
    OK,
    TIMEOUT,
    ERROR,
    RATE_LIMITED,
    CIRCUIT_OPEN,
    /** The service stopped while the voice was being asked. */
    INTERRUPTED;

    /** Lower-case name used in records and metric labels. */
    public String label() {
        return Labels.of(this);
    }
}
