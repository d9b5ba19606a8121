package org.mallku.heartbeat.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;
import org.mallku.heartbeat.rhythm.Rhythm;

/** {@code /health/started}: the history is restored and the catch-up decision is made. */
@Startup
@ApplicationScoped
public class StartedCheck implements HealthCheck {

    private final Rhythm rhythm;

    public StartedCheck(Rhythm rhythm) {
        this.rhythm = rhythm;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("rhythm").status(rhythm.view().started()).build();
    }
}
