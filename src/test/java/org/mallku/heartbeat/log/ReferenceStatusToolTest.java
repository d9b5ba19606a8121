package org.mallku.heartbeat.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mallku.heartbeat.pulse.FailureReason;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.pulse.PulseOutcome;
import org.mallku.heartbeat.testing.MutableClock;
import org.mallku.heartbeat.testing.Pulses;
import org.mallku.heartbeat.testing.Stores;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The reference's status tool over records of every outcome: whichever record is the newest, it reads the folder
 * without an error (src/test/python/reference_status_tool.py does what that tool does), and a pulse without a
 * score still reads back as one without a score.
 */
class ReferenceStatusToolTest {

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Pulse interrupted(Instant at) {
        Pulse p = Pulses.scored(at, 0.8);
        return new Pulse(p.id(), p.reason(), p.startedAt(), p.completedAt(), p.ceremony(), p.voices(), p.rounds(), null,
                false, false, List.of("Interrupted by shutdown"), PulseOutcome.INTERRUPTED, FailureReason.INTERRUPTED);
    }

    @Test
    void everyOutcomeAsTheNewestRecordKeepsTheToolWorking() throws Exception {
        List<Pulse> pulses = List.of(Pulses.scored(T0, 0.8), Pulses.scored(T0.plusSeconds(60), 0.3),
                Pulses.scored(T0.plusSeconds(120), 0.95), Pulses.failed(T0.plusSeconds(180)),
                interrupted(T0.plusSeconds(240)));
        PulseMemory log = Stores.onFolder(dir, new MutableClock(T0));
        for (Pulse pulse : pulses) {
            log.record(pulse);
            String out = tool(dir);
            assertTrue(out.contains("Consciousness score: " + (pulse.score() == null ? "0.000"
                    : String.format(Locale.ROOT, "%.3f", pulse.score()))), pulse.outcome() + ":\n" + out);
            assertTrue(out.contains("Recent average"), out);
        }
        for (Pulse pulse : pulses) {
            JsonNode record = JSON.readTree(dir.resolve(LogFolder.fileName(pulse)).toFile());
            assertTrue(record.get("consciousness_score").isNumber(), record.toString());
            assertEquals(pulse.score() != null, record.get("scored").asBoolean());
            assertTrue(record.get("voices_present").isInt());
            assertEquals(pulse.score(), JSON.treeToValue(record, PulseRecord.class).toPulse().score(),
                    "a failed pulse reads back without a score, not as 0.0");
        }
    }

    @Test
    void aVersionOneRecordWithANullScoreStillReads() throws Exception {
        Pulse failed = Pulses.failed(T0);
        ObjectMapper json = new ObjectMapper();
        var record = (ObjectNode) json.valueToTree(PulseRecord.of(failed));
        record.put("schema_version", 1);
        record.putNull("consciousness_score");
        record.remove("scored");
        record.remove("ceremony_title");
        Pulse read = json.treeToValue(record, PulseRecord.class).toPulse();
        assertEquals(null, read.score());
        assertEquals(PulseOutcome.FAILED, read.outcome());
    }

    static String tool(Path folder) throws Exception {
        Process python = new ProcessBuilder("python3", Path.of("src", "test", "python", "reference_status_tool.py").toString(),
                folder.toString()).redirectErrorStream(true).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), out);
        return out;
    }
}
