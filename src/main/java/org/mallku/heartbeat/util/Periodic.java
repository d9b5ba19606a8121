package org.mallku.heartbeat.util;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Work repeated every so often in service mode, timed on elapsed (monotonic) time. The Quarkus Scheduler's
 * interval trigger compares wall-clock times, so a clock stepped back by hours stopped its jobs for as long; a
 * fixed-delay executor cannot be stopped by a step of the wall clock. Each task has its own daemon thread, so
 * that a slow one (a hung disk) does not hold up another (the rhythm, which liveness watches).
 */
@ApplicationScoped
public class Periodic {

    private static final Logger LOG = Logger.getLogger(Periodic.class);

    private final List<ScheduledExecutorService> executors = new CopyOnWriteArrayList<>();

    /**
     * Runs {@code task} every {@code period}, the first time one period from now, on a thread called {@code name},
     * until shutdown. A run that throws is logged and the next one comes. The executor answers whether it runs.
     */
    public ScheduledExecutorService every(String name, Duration period, Runnable task) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executors.add(executor);
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // an exception would end the executor's schedule for good
                LOG.errorf(e, "%s failed; it runs again in %s", name, Durations.words(period));
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return executor;
    }

    void onStop(@Observes ShutdownEvent event) {
        executors.forEach(ScheduledExecutorService::shutdownNow);
    }
}
