package org.mallku.heartbeat.notify;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.health.Freshness;
import org.mallku.heartbeat.health.FreshnessProbe;
import org.mallku.heartbeat.util.Periodic;

import io.quarkus.runtime.StartupEvent;

/**
 * In service mode, reads the heartbeat's freshness every {@link #EVERY} and announces it as a CDI event, so that
 * every notifier that reports a silent heartbeat (Alertmanager, webhooks) shares one check on one thread.
 */
@ApplicationScoped
class FreshnessWatch {

    static final Duration EVERY = Duration.ofMinutes(1);

    private final HeartbeatConfig config;
    private final FreshnessProbe freshness;
    private final Periodic periodic;
    private final Event<Freshness> checked;

    FreshnessWatch(HeartbeatConfig config, FreshnessProbe freshness, Periodic periodic, Event<Freshness> checked) {
        this.config = config;
        this.freshness = freshness;
        this.periodic = periodic;
        this.checked = checked;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.mode() == HeartbeatConfig.Mode.SERVICE) {
            periodic.every("heartbeat-freshness-watch", EVERY, () -> checked.fire(freshness.now()));
        }
    }
}
