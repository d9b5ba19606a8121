package org.mallku.heartbeat.log;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mallku.heartbeat.pulse.FailureReason;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseOutcome;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.pulse.PulseSummary;
import org.mallku.heartbeat.testing.Pulses;
import org.mallku.heartbeat.util.RegularFile;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a full index weighs, as the log writes it, against {@link LogFolder#MAX_INDEX_BYTES}: the limit must stay
 * well above the largest index this version writes, or a real one would be refused and rebuilt at every start.
 */
class LogIndexSizeTest {

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    @TempDir
    Path dir;

    long written(Function<Instant, Pulse> pulse) throws IOException {
        List<LogIndex.Entry> recent = new ArrayList<>();
        for (int i = 0; i < PulseHistory.WINDOW; i++) {
            recent.add(0, LogIndex.Entry.of(PulseSummary.of(pulse.apply(T0.plusSeconds(60L * i)))));
        }
        LogFolder folder = new LogFolder(dir, new ObjectMapper());
        folder.create();
        folder.writeIndex(new LogIndex(LogIndex.SCHEMA_VERSION, LogIndex.MAX_COUNT, 0, 0, 0, 1_000_000, // the longest counter
                PulseRecord.format(T0), recent));
        return Files.size(dir.resolve(LogFolder.INDEX));
    }

    @Test
    void aFullIndexOfOrdinaryPulsesIsFarBelowTheLimit() throws IOException {
        long size = written(at -> Pulses.scored(at, 0.71));
        System.out.printf("index of %d ordinary pulses: %s%n", PulseHistory.WINDOW, RegularFile.bytes(size));
        assertTrue(size * 10 < LogFolder.MAX_INDEX_BYTES, RegularFile.bytes(size));
    }

    /** Each key insight a 2 KiB explanation (a failed pulse listing the voices left out and why). */
    @Test
    void aFullIndexOfTheLongestSummariesIsStillBelowIt() throws IOException {
        String explanation = "Only 1 distinct voice(s) available; heartbeat.voices.min is 2; left out: "
                + "x".repeat(2048 - 75);
        long size = written(at -> new Pulse(UUID.randomUUID(), PulseReason.INTERVAL, at, at.plusSeconds(1),
                null, List.of(), List.of(), null, false, false, List.of(explanation), PulseOutcome.FAILED,
                FailureReason.INSUFFICIENT_VOICES));
        System.out.printf("index of %d pulses with 2 KiB key insights: %s%n", PulseHistory.WINDOW, RegularFile.bytes(size));
        assertTrue(size * 3 < LogFolder.MAX_INDEX_BYTES, RegularFile.bytes(size));
    }
}
