package org.mallku.heartbeat.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.pulse.StoreHealth;

/**
 * {@code /health/ready}: configuration loaded (the service would not have started otherwise), the history
 * restored and the log folder writable, with the reason when it is not. With
 * {@code heartbeat.freshness.in-readiness} a heartbeat that is failing or down makes it not ready too.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    private final HeartbeatConfig config;
    private final PulseMemory memory;
    private final HealthProbe heartbeat;

    public ReadinessCheck(HeartbeatConfig config, PulseMemory memory, HealthProbe heartbeat) {
        this.config = config;
        this.memory = memory;
        this.heartbeat = heartbeat;
    }

    @Override
    public HealthCheckResponse call() {
        StoreHealth health = memory.storeHealth();
        boolean ready = health.restored() && health.writable();
        var response = HealthCheckResponse.named("pulse-log")
                .withData("restored", health.restored())
                .withData("writable", health.writable())
                .withData("pending", health.pending());
        if (health.reason() != null) {
            response.withData("reason", health.reason());
        }
        if (config.freshness().inReadiness()) {
            HeartbeatHealth now = heartbeat.now();
            response.withData("heartbeat", now.status().label());
            ready &= !now.bad();
        }
        return response.status(ready).build();
    }
}
