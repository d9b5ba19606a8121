package org.mallku.heartbeat.log;

import java.util.List;
import java.util.Optional;

import org.mallku.heartbeat.pulse.Pulse;

/**
 * Where pulses are kept. Reads answer from memory (the latest pulse and a bounded window of recent ones),
 * so health and metrics never wait on storage.
 */
public interface PulseLog {

    /** How many recent pulses the log keeps in memory; enough for ceremony choice, rhythm and freshness. */
    int WINDOW = 200;

    /** Keeps {@code pulse}; never throws for a storage problem (the pulse then stays in memory). */
    void append(Pulse pulse);

    Optional<Pulse> latest();

    /** At most {@code limit} (and at most {@link #WINDOW}) recent pulses, newest first. */
    List<Pulse> recent(int limit);

    /** All pulses ever kept. */
    long count();
}
