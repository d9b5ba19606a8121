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
 * {@code /health/heartbeat}: is the heart beating on time? A wellness check, so that it stays out of the
 * Kubernetes probes (a stale heartbeat must not restart the pod): UP for new, up and late, DOWN for down.
 */
@Wellness
@ApplicationScoped
public class HeartbeatFreshnessCheck implements HealthCheck {

    static final String NAME = "heartbeat";

    private final FreshnessProbe freshness;
    private final PulseMemory memory;
    private final VoiceCatalog catalog;

    public HeartbeatFreshnessCheck(FreshnessProbe freshness, PulseMemory memory, VoiceCatalog catalog) {
        this.freshness = freshness;
        this.memory = memory;
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        Freshness f = freshness.now();
        PulseHistory history = memory.history();
        Pulse last = history.latest();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(!f.down())
                .withData("status", f.status().label())
                .withData("alerts", history.counts().alerts())
                .withData("celebrations", history.counts().celebrations())
                .withData("failed_recent", history.recentFailed())
                .withData("voices_available", catalog.available().size());
        if (f.lastPulse() != null) {
            response.withData("last_pulse", f.lastPulse().toString()).withData("age_seconds", f.age().toSeconds());
        }
        if (f.expected() != null) {
            response.withData("expected_next_pulse", f.expected().toString());
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
