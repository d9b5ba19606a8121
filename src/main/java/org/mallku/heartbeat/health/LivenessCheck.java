package org.mallku.heartbeat.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.mallku.heartbeat.rhythm.Rhythm;

/**
 * {@code /health/live}: the process and its rhythm are alive: the rhythm's executor runs and has checked for a
 * due pulse recently. Never providers, the log folder or freshness: a stale heartbeat must not restart the pod.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    /** The rhythm ticks every second; this long without a tick means it is stuck. */
    static final Duration STALLED = Duration.ofSeconds(60);

    private final Rhythm rhythm;

    public LivenessCheck(Rhythm rhythm) {
        this.rhythm = rhythm;
    }

    @Override
    public HealthCheckResponse call() {
        Duration sinceTick = rhythm.sinceLastTick();
        boolean running = rhythm.running();
        boolean ticking = sinceTick == null || sinceTick.compareTo(STALLED) < 0;
        var response = HealthCheckResponse.named("scheduler")
                .status(running && ticking)
                .withData("running", running);
        if (sinceTick != null) {
            response.withData("seconds_since_tick", sinceTick.toSeconds());
        }
        return response.build();
    }
}
