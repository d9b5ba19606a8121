package org.mallku.heartbeat.api;

import java.time.Duration;

import org.mallku.heartbeat.pulse.PulseSummary;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One pulse in a list: what happened, without the transcript. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PulseView(String id, String timestamp, String reason, String ceremony, Double consciousnessScore,
        String outcome, String failureReason, int voicesPresent, String keyInsight, double durationSeconds) {

    public static PulseView of(PulseSummary p) {
        return new PulseView(p.id().toString(), p.startedAt().toString(), p.reason().label(),
                p.ceremony() == null ? null : p.ceremony().label(), p.score(), p.outcome().label(),
                p.failureReason() == null ? null : p.failureReason().label(), p.voicesPresent(), p.keyInsight(),
                Duration.between(p.startedAt(), p.completedAt()).toMillis() / 1000.0);
    }
}
