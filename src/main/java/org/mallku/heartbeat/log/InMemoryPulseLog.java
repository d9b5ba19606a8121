package org.mallku.heartbeat.log;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

import org.mallku.heartbeat.pulse.Pulse;

/** A bounded window of pulses in memory, lost on restart. */
@DefaultBean
@ApplicationScoped
public class InMemoryPulseLog implements PulseLog {

    private final Deque<Pulse> window = new ArrayDeque<>();
    private long count;

    @Override
    public synchronized void append(Pulse pulse) {
        window.addFirst(pulse);
        if (window.size() > WINDOW) {
            window.removeLast();
        }
        count++;
    }

    @Override
    public synchronized Optional<Pulse> latest() {
        return Optional.ofNullable(window.peekFirst());
    }

    @Override
    public synchronized List<Pulse> recent(int limit) {
        return window.stream().limit(limit).toList();
    }

    @Override
    public synchronized long count() {
        return count;
    }
}
