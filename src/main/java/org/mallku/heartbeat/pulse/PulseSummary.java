package org.mallku.heartbeat.pulse;

import java.time.Instant;
import java.util.UUID;

import org.mallku.heartbeat.circle.Ceremony;

/**
 * What the rest of the service needs to know of a past pulse without its transcript: enough for ceremony
 * choice, the rhythm, freshness, the API and the status command. Small enough to keep a window of in memory.
 */
public record PulseSummary(UUID id, PulseReason reason, Instant startedAt, Instant completedAt, Ceremony ceremony,
        Double score, PulseOutcome outcome, int voicesPresent, boolean emergence, String keyInsight,
        FailureReason failureReason) {

    public static PulseSummary of(Pulse pulse) {
        return new PulseSummary(pulse.id(), pulse.reason(), pulse.startedAt(), pulse.completedAt(), pulse.ceremony(),
                pulse.score(), pulse.outcome(), pulse.voicesPresent(), pulse.emergence(), pulse.keyInsight(),
                pulse.failureReason());
    }

    public boolean failed() {
        return outcome.failed();
    }
}
