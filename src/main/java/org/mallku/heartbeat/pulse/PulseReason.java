package org.mallku.heartbeat.pulse;

import org.mallku.heartbeat.util.Labels;

/** Why a pulse ran. */
public enum PulseReason {
    DAILY,
    INTERVAL,
    CRON,
    ADAPTIVE,
    CATCH_UP,
    SINGLE_PULSE,
    MANUAL,
    DIAGNOSTIC;

    /** Whether the rhythm (not a person) asked for this pulse; morning and evening ceremonies need it. */
    public boolean scheduled() {
        return this != MANUAL && this != DIAGNOSTIC;
    }

    /** Lower-case, hyphenated name used in records and metric labels, for example {@code catch-up}. */
    public String label() {
        return Labels.hyphenated(this);
    }

    public static PulseReason fromLabel(String label) {
        return Labels.parse(PulseReason.class, label);
    }
}
