package org.mallku.heartbeat.pulse;

import java.util.List;

/**
 * CDI event: a pulse was asked for and did not run.
 *
 * @param reason why it was asked for
 * @param cause  why it did not run: {@value #OVERLAP}, {@value #DEDUPE}, {@value #COOLDOWN} or {@value #QUIET_HOURS}
 */
public record PulseSkipped(PulseReason reason, String cause) {

    public static final String OVERLAP = "overlap";
    public static final String DEDUPE = "dedupe";
    public static final String COOLDOWN = "cooldown";
    public static final String QUIET_HOURS = "quiet_hours";
    /** Every cause, for metrics that export each at zero from the start. */
    public static final List<String> CAUSES = List.of(OVERLAP, DEDUPE, COOLDOWN, QUIET_HOURS);
}
