package org.mallku.heartbeat.pulse;

import java.util.Locale;

/** Why a pulse ran. */
public enum PulseReason {
    SCHEDULED,
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
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static PulseReason fromLabel(String label) {
        return valueOf(label.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
