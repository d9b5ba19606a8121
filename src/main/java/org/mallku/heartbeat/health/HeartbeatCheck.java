package org.mallku.heartbeat.health;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.voice.VoiceCatalog;

import io.smallrye.health.api.Wellness;

/**
 * {@code /health/heartbeat}: is the heart beating, on time and with results? A wellness check, so that it stays
 * out of the Kubernetes probes (a stale or failing heartbeat must not restart the pod): DOWN (503) while the
 * heartbeat is failing or down, with the reason; UP for new, up and late.
 */
@Wellness
@ApplicationScoped
public class HeartbeatCheck implements HealthCheck {

    static final String NAME = "heartbeat";

    private final HealthProbe probe;
    private final PulseMemory memory;
    private final VoiceCatalog catalog;

    public HeartbeatCheck(HealthProbe probe, PulseMemory memory, VoiceCatalog catalog) {
        this.probe = probe;
        this.memory = memory;
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        PulseHistory history = memory.history();
        HeartbeatHealth health = probe.now();
        Pulse last = history.latest();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(!health.bad())
                .withData("status", health.status().label())
                .withData("reason", health.reason())
                .withData("failing_in_a_row", health.failingInARow())
                .withData("alerts", history.counts().alerts())
                .withData("celebrations", history.counts().celebrations())
                .withData("failed_recent", history.recentFailed())
                .withData("voices_available", catalog.available().size());
        if (health.lastPulse() != null) {
            response.withData("last_pulse", health.lastPulse().toString());
        }
        if (health.lastResult() != null) {
            response.withData("last_result", health.lastResult().toString())
                    .withData("age_seconds", health.age().toSeconds());
        }
        if (health.expected() != null) {
            response.withData("expected_next_pulse", health.expected().toString());
        }
        if (last != null) {
            response.withData("last_outcome", last.outcome().label());
            if (last.score() != null) {
                response.withData("last_score", last.score().toString());
            }
        }
        Double average = history.recentAverage();
        if (average != null) {
            response.withData("recent_average", String.format(Locale.ROOT, "%.3f", average));
        }
        return response.build();
    }
}
