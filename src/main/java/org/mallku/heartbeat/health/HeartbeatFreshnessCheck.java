package org.mallku.heartbeat.health;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.mallku.heartbeat.log.LogStats;
import org.mallku.heartbeat.log.PulseLog;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseSummary;
import org.mallku.heartbeat.pulse.RecentPulses;
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
    private final PulseLog log;
    private final VoiceCatalog catalog;

    public HeartbeatFreshnessCheck(FreshnessProbe freshness, PulseLog log, VoiceCatalog catalog) {
        this.freshness = freshness;
        this.log = log;
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        Freshness f = freshness.now();
        List<PulseSummary> recent = log.recent(RecentPulses.WINDOW);
        LogStats stats = log.stats();
        Pulse last = log.latest().orElse(null);
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(!f.down())
                .withData("status", f.status().label())
                .withData("alerts", stats.alerts())
                .withData("celebrations", stats.celebrations())
                .withData("failed_recent", RecentPulses.failed(recent))
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
        Double average = RecentPulses.average(recent);
        if (average != null) {
            response.withData("recent_average", String.format(Locale.ROOT, "%.3f", average));
        }
        return response.build();
    }
}
