package org.mallku.heartbeat.notify;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.health.HealthProbe;
import org.mallku.heartbeat.health.HeartbeatHealth;
import org.mallku.heartbeat.util.Periodic;

import io.quarkus.runtime.StartupEvent;

/**
 * In service mode, reads the heartbeat's health every {@link #EVERY} and announces it as a CDI event, so that
 * every notifier that reports a silent heartbeat (Alertmanager, webhooks) shares one check on one thread.
 */
@ApplicationScoped
class HealthWatch {

    static final Duration EVERY = Duration.ofMinutes(1);

    private final HeartbeatConfig config;
    private final HealthProbe health;
    private final Periodic periodic;
    private final Event<HeartbeatHealth> checked;

    HealthWatch(HeartbeatConfig config, HealthProbe health, Periodic periodic, Event<HeartbeatHealth> checked) {
        this.config = config;
        this.health = health;
        this.periodic = periodic;
        this.checked = checked;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.mode() == HeartbeatConfig.Mode.SERVICE) {
            periodic.every("heartbeat-health-watch", EVERY, () -> checked.fire(health.now()));
        }
    }
}
