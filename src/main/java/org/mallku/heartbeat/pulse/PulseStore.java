package org.mallku.heartbeat.pulse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where pulses are kept: the file log, or PostgreSQL shared by several replicas. It persists and restores; what the heartbeat knows is
 * {@link PulseMemory}'s {@link PulseHistory}, which it hands to the store with each pulse.
 */
public interface PulseStore {

    /** The history kept so far; called once at start-up, before anything reads the history. */
    PulseHistory restore();

    /** Keeps {@code pulse}, the newest of {@code history}; never throws for a storage problem (it then waits). */
    void append(Pulse pulse, PulseHistory history);

    /** The whole record of one pulse, if it is still kept. */
    Optional<Pulse> find(UUID id);

    /** Up to {@code limit} kept pulses older than {@code before} (the newest when empty), newest first. */
    List<PulseSummary> page(Optional<Before> before, int limit);

    StoreHealth health();

    /** At shutdown: writes what still waits, or hands it on so that it is neither lost nor lost silently. */
    void close();

    /** Whether other replicas write to this store too, so that {@link #news()} is worth asking every second. */
    default boolean shared() {
        return false;
    }

    /** Pulses recorded since the last call (or the restore), by any replica, in the order they were recorded. */
    default List<Pulse> news() {
        return List.of();
    }

    /** Where a page of history ends: before a pulse, or before an instant. */
    sealed interface Before {
        record Id(UUID id) implements Before {
        }

        record At(Instant instant) implements Before {
        }
    }
}
