package org.mallku.heartbeat.rhythm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.pulse.PulseEngine;
import org.mallku.heartbeat.pulse.PulseReason;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;

/** Pulses every {@code heartbeat.pulse-interval} in service mode. */
@ApplicationScoped
public class IntervalPulses {

    void onStart(@Observes StartupEvent event, HeartbeatConfig config, Scheduler scheduler, PulseEngine engine) {
        if (config.mode() != HeartbeatConfig.Mode.SERVICE || config.pulseInterval().isEmpty()) {
            return;
        }
        scheduler.newJob("heartbeat-interval")
                .setInterval(config.pulseInterval().get().toString())
                .setConcurrentExecution(ConcurrentExecution.SKIP)
                .setTask(execution -> engine.trigger(PulseReason.INTERVAL))
                .schedule();
    }
}
