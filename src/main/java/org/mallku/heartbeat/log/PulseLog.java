package org.mallku.heartbeat.log;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseSummary;

/**
 * Where pulses are kept. {@link #latest}, {@link #recent}, {@link #stats} and {@link #health} answer from memory
 * (the last pulse and a bounded window of recent ones), so health and metrics never wait on storage; {@link #find}
 * and {@link #page} may read older records.
 */
public interface PulseLog {

    /** How many recent pulses the log keeps in memory: enough for ceremony choice, the rhythm and freshness. */
    int WINDOW = 500;

    /** Keeps {@code pulse}; never throws for a storage problem (the pulse then stays in memory). */
    void append(Pulse pulse);

    Optional<Pulse> latest();

    /** At most {@code limit} (and at most {@link #WINDOW}) recent pulses, newest first. */
    List<PulseSummary> recent(int limit);

    LogStats stats();

    LogHealth health();

    /** The whole record of one pulse, if it is still kept. */
    Optional<Pulse> find(UUID id);

    /**
     * A page of history, newest first: at most {@code limit} pulses older than {@code before} (a pulse id or an
     * instant), or the newest when {@code before} is empty.
     */
    List<PulseSummary> page(Optional<Before> before, int limit);

    /** Where a page of history ends: before a pulse, or before an instant. */
    sealed interface Before {
        record Id(UUID id) implements Before {
        }

        record At(Instant instant) implements Before {
        }
    }
}
