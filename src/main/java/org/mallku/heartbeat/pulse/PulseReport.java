package org.mallku.heartbeat.pulse;

import java.time.Duration;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A pulse without its transcript, as everything that leaves the service tells it: the API's pulse list and
 * {@code last_pulse}, the webhooks' {@code pulse} object, the Alertmanager annotations and {@code status --json}.
 * One set of snake_case names, written in one place.
 *
 * @param alertRaised whether the pulse raised an alert: its score was below the alert threshold, or it failed
 *                    (the reference's {@code alert_raised})
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PulseReport(String id, String reason, String ceremony, String ceremonyTitle, String outcome,
        Double consciousnessScore, boolean alertRaised, String failureReason, String startedAt, String completedAt,
        double durationSeconds, int voicesPresent, String keyInsight) {

    public static PulseReport of(PulseSummary p) {
        return new PulseReport(p.id().toString(), p.reason().label(), p.ceremony() == null ? null : p.ceremony().label(),
                p.ceremony() == null ? null : p.ceremony().title(), p.outcome().label(), p.score(),
                p.outcome().raisesAlert(), p.failureReason() == null ? null : p.failureReason().label(),
                p.startedAt().toString(), p.completedAt().toString(),
                Duration.between(p.startedAt(), p.completedAt()).toMillis() / 1000.0, p.voicesPresent(), p.keyInsight());
    }

    public static PulseReport of(Pulse pulse) {
        return of(PulseSummary.of(pulse));
    }
}
