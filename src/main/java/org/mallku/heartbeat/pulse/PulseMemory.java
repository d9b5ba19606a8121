package org.mallku.heartbeat.pulse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.pulse.PulseStore.Before;
import org.mallku.heartbeat.util.Periodic;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The heartbeat's {@link PulseHistory}, held in memory and replaced whole on each pulse, so that readers never
 * lock and never wait on storage; restored from the {@link PulseStore} at start, each new pulse handed to it. On a
 * store shared by several replicas, the pulses the others record are read every second ({@link #sync()}).
 */
@ApplicationScoped
public class PulseMemory {

    /** How often a replica reads the pulses others recorded: every replica agrees within about this. */
    static final Duration SYNC_EVERY = Duration.ofSeconds(1);

    private final PulseStore store;
    private final HeartbeatConfig config;
    private final Event<PulseLearned> learned;
    private volatile PulseHistory history = PulseHistory.EMPTY;

    public PulseMemory(PulseStore store, HeartbeatConfig config, Event<PulseLearned> learned) {
        this.store = store;
        this.config = config;
        this.learned = learned;
    }

    /** Restores before anything else reads the history (the rhythm's catch-up decision, ceremony choice). */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 10) StartupEvent event, Periodic periodic) {
        if (config.mode() == HeartbeatConfig.Mode.SERVICE || config.mode() == HeartbeatConfig.Mode.SINGLE_PULSE) {
            restore();
        }
        if (config.mode() == HeartbeatConfig.Mode.SERVICE && store.shared()) {
            periodic.every("heartbeat-sync", SYNC_EVERY, this::sync);
        }
    }

    /**
     * Takes in the pulses other replicas recorded since the last look; one older than the newest known (an import)
     * makes it read the whole history again. Observers hear of each new pulse after the history holds it.
     */
    public void sync() {
        List<Pulse> fresh = new ArrayList<>();
        synchronized (this) {
            PulseHistory h = history;
            for (Pulse pulse : store.news()) {
                if (h.recent().stream().anyMatch(p -> p.id().equals(pulse.id()))) {
                    continue; // kept here, or already known
                }
                if (h.latest() != null && pulse.startedAt().isBefore(h.latest().startedAt())) {
                    history = store.restore();
                    return;
                }
                h = h.plus(pulse);
                fresh.add(pulse);
            }
            history = h;
        }
        fresh.forEach(pulse -> learned.fire(new PulseLearned(pulse)));
    }

    /**
     * Hands the store what still waits to be written. At shutdown after the engine, whose own observer first waits for
     * a pulse in flight to be recorded; a single pulse calls it before it pushes its metrics.
     */
    void onStop(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) ShutdownEvent event) {
        close();
    }

    public synchronized void close() {
        store.close();
    }

    /** Reads the history from the store again (start-up; tests that prepare a store). */
    public synchronized void restore() {
        history = store.restore();
    }

    public PulseHistory history() {
        return history;
    }

    public StoreHealth storeHealth() {
        return store.health();
    }

    /** Makes {@code pulse} the newest of the history and hands it to the store. */
    public synchronized void record(Pulse pulse) {
        history = history.plus(pulse);
        store.append(pulse, history);
    }

    /** The whole record of one pulse, the newest from memory. */
    public Optional<Pulse> find(UUID id) {
        return history.last().filter(p -> p.id().equals(id)).or(() -> store.find(id));
    }

    /**
     * A page of history, newest first: from the window in memory when it holds the page (or everything the store
     * keeps), otherwise from the store.
     */
    public List<PulseSummary> page(Optional<Before> before, int limit) {
        List<PulseSummary> window = history.recent();
        int from = before.map(b -> firstAfter(window, b)).orElse(0);
        StoreHealth health = store.health();
        boolean windowHoldsAll = health.records() + health.pending() <= window.size();
        if (from >= 0 && (from + limit <= window.size() || windowHoldsAll)) {
            return window.subList(Math.min(from, window.size()), Math.min(from + limit, window.size()));
        }
        return store.page(before, limit);
    }

    /** Index in {@code window} of the first pulse older than {@code before}; -1 when the window cannot tell. */
    private static int firstAfter(List<PulseSummary> window, Before before) {
        for (int i = 0; i < window.size(); i++) {
            PulseSummary p = window.get(i);
            if (before instanceof Before.Id id && p.id().equals(id.id())) {
                return i + 1;
            }
            if (before instanceof Before.At at && p.startedAt().isBefore(at.instant())) {
                return i;
            }
        }
        return -1;
    }
}
