package org.mallku.heartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mallku.heartbeat.log.LogFolder;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseSummary;
import org.mallku.heartbeat.rhythm.Expectation;
import org.mallku.heartbeat.testing.MutableClock;
import org.mallku.heartbeat.testing.Pulses;
import org.mallku.heartbeat.testing.TestConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class StatusCommandTest {

    static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void meanAndTrendOfTheNewestFive() {
        List<PulseSummary> newestFirst = List.of(0.9, 0.8, 0.7, 0.6, 0.5, 0.1).stream()
                .map(s -> PulseSummary.of(Pulses.scored(NOW, s)))
                .toList();
        StatusReport report = StatusReport.of(new PulseHistory(null, newestFirst, PulseHistory.Counts.NONE),
                new Expectation(TestConfig.of(Map.of())), Duration.ofHours(1), NOW);
        assertEquals(0.7, report.scoredMean(), 1e-9, "the reference's figure: the newest five scores");
        assertEquals(0.6, report.recentAverage(), 1e-9, "the API's: the newest ten pulses");
        assertEquals("rising", report.trend());
        assertEquals("steady", StatusReport.trend(List.of(0.8, 0.78)));
        assertEquals("falling", StatusReport.trend(List.of(0.5, 0.8)));
    }

    String run(boolean json, int expectedExit) throws Exception {
        return run(json, expectedExit, NOW);
    }

    /** The default schedule: a daily pulse at 09:00 UTC, down an hour after a missed one. */
    String run(boolean json, int expectedExit, Instant now) throws Exception {
        StatusCommand command = new StatusCommand(TestConfig.of(Map.of("heartbeat.log-path", dir.toString())), JSON,
                new MutableClock(now), null); // the file store is read as a folder, not through the service's store
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(expectedExit, command.run(json, new PrintStream(out, true, StandardCharsets.UTF_8)));
        return out.toString(StandardCharsets.UTF_8);
    }

    void record(Instant at, double score) throws Exception {
        new LogFolder(dir, JSON).write(Pulses.scored(at, score));
    }

    @Test
    void noPulsesIsNewAndSaysWhenTheFirstIsExpected() throws Exception {
        assertTrue(run(false, 1).contains("Status:         new: no pulse yet; the first is expected by 2026-03-03T09:00:00Z"));
        assertEquals("new", JSON.readTree(run(true, 1)).get("status").asText());
    }

    @Test
    void aRecentPulseIsUp() throws Exception {
        record(NOW.minus(Duration.ofMinutes(130)), 0.6);
        record(NOW.minus(Duration.ofMinutes(10)), 0.8);
        String text = run(false, 0);
        assertTrue(text.contains("Status:         up: the last pulse had a result, 10 min ago; the next is expected by"
                + " 2026-03-03T09:00:00Z"), text);
        assertTrue(text.contains("(10 min ago)"), text);
        assertTrue(text.contains("Score:          0.80"), text);
        assertTrue(text.contains("Voices present: 1"), text);
        assertTrue(text.contains("Total pulses:   2"), text);
        assertTrue(text.contains("Recent average: 0.70 over the newest 10 (a failed pulse counts as 0)\n"), text);
        assertTrue(text.contains("Recent scores:  0.70, the mean of the newest 5 (rising)"), text);
        assertFalse(text.contains("Consider starting"), text);
    }

    /** Judged on the schedule, as the service judges it: a daily pulse is not weakening 23 h 59 min later. */
    @Test
    void aDailyPulseIsUpAMinuteBeforeTheNextIsDue() throws Exception {
        record(Instant.parse("2026-03-01T09:00:00Z"), 0.7);
        String text = run(false, 0, Instant.parse("2026-03-02T08:59:00Z"));
        assertTrue(text.contains("Status:         up"), text);
        assertTrue(text.contains(StatusCommand.REMINDER), "the reference's reminder still comes after 12 h: " + text);
    }

    @Test
    void aMissedDailyPulseIsLateThenDown() throws Exception {
        record(Instant.parse("2026-03-01T09:00:00Z"), 0.8);
        assertTrue(run(false, 1, Instant.parse("2026-03-02T09:30:00Z")).contains("Status:         late: the pulse expected"
                + " by 2026-03-02T09:00:00Z is 30 min late; down after a grace of 1 h"));
        JsonNode json = JSON.readTree(run(true, 2));
        assertEquals("down", json.get("status").asText());
        assertTrue(json.get("reason").asText().startsWith("no pulse with a result since 2026-03-01T09:00:00Z (1 d 3 h ago)"),
                json.toString());
        assertEquals(Duration.ofHours(27).toSeconds(), json.get("age_seconds").asLong());
        assertEquals(0.8, json.get("last_pulse").get("consciousness_score").asDouble());
        assertTrue(json.get("reminder").asBoolean());
    }

    /** Failed pulses are not a heartbeat, however recent: failing, with the last result beside it. */
    @Test
    void theNewestFailedPulsesAreFailing() throws Exception {
        record(NOW.minus(Duration.ofMinutes(130)), 0.8);
        new LogFolder(dir, JSON).write(Pulses.failed(NOW.minus(Duration.ofMinutes(20))));
        new LogFolder(dir, JSON).write(Pulses.failed(NOW.minus(Duration.ofMinutes(5))));
        String text = run(false, 2);
        assertTrue(text.contains("Status:         failing: the newest 2 pulses failed: insufficient_voices"), text);
        assertTrue(text.contains("Last result:    " + NOW.minus(Duration.ofMinutes(130)) + " (2 h 10 min ago)"), text);
        JsonNode json = JSON.readTree(run(true, 2));
        assertEquals(2, json.get("failing_in_a_row").asInt());
        assertEquals(Duration.ofMinutes(130).toSeconds(), json.get("age_seconds").asLong());
        assertEquals("failed", json.get("last_pulse").get("outcome").asText());
        assertTrue(json.get("last_pulse").get("alert_raised").asBoolean(), "a failed pulse raises an alert");
    }

    @Test
    void onlyFailedPulsesAreFailing() throws Exception {
        new LogFolder(dir, JSON).write(Pulses.failed(NOW.minus(Duration.ofMinutes(5))));
        String text = run(false, 2);
        assertTrue(text.contains("Status:         failing") && text.contains("Last result:    none in the recent history"),
                text);
    }

    @Test
    void theStatusCommandWritesNothing() throws Exception {
        record(NOW.minus(Duration.ofMinutes(5)), 0.8);
        run(false, 0);
        assertFalse(Files.exists(dir.resolve(LogFolder.INDEX)), "no index was written by a reader");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(LogFolder.PARTIAL), files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("heartbeat_")).toList(), "nothing but the record and the writer's folder");
        }
    }
}
