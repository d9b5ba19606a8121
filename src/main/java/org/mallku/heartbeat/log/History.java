package org.mallku.heartbeat.log;

import java.nio.file.Path;
import java.time.Instant;

import org.mallku.heartbeat.pulse.PulseHistory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A read-only look at a log folder, for readers outside the service (the status command): it writes nothing,
 * not even a stale index.
 *
 * @param history what the folder holds, as the service would restore it
 * @param skipped files that could not be read on the way
 */
public record History(PulseHistory history, long skipped) {

    public static History read(Path dir, ObjectMapper json, Instant now) {
        Restore restore = new Restore(new LogFolder(dir, json), now);
        return new History(restore.history(), restore.skipped());
    }
}
