package org.mallku.heartbeat.log;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseSummary;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A read-only look at a log folder, for readers outside the service (the status command): it writes nothing,
 * not even a stale index.
 *
 * @param latest  the newest readable pulse, {@code null} when there is none
 * @param recent  the newest pulses, newest first
 * @param total   pulses ever recorded
 * @param skipped files that could not be read on the way
 */
public record History(Pulse latest, List<PulseSummary> recent, long total, long skipped) {

    public static History read(Path dir, ObjectMapper json, Instant now) {
        Restore restore = new Restore(new LogFolder(dir, json), now);
        LogIndex index = restore.index();
        return new History(restore.latest(index), restore.recent(index), index.total(), restore.skipped());
    }
}
