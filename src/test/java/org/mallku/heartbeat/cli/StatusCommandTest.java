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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mallku.heartbeat.cli.StatusReport.Assessment;
import org.mallku.heartbeat.log.LogFolder;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseSummary;
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

    @ParameterizedTest
    @CsvSource({ "0, STRONG", "59, STRONG", "60, HEALTHY", "359, HEALTHY", "360, WEAKENING", "1439, WEAKENING",
            "1440, SILENT" })
    void assessmentFollowsTheReferenceThresholds(long minutes, Assessment expected) {
        assertEquals(expected, StatusReport.assess(Duration.ofMinutes(minutes)));
    }

    @Test
    void exitCodesAreZeroOneAndTwo() {
        assertEquals(0, Assessment.STRONG.exitCode);
        assertEquals(0, Assessment.HEALTHY.exitCode);
        assertEquals(1, Assessment.WEAKENING.exitCode);
        assertEquals(2, Assessment.SILENT.exitCode);
        assertEquals(2, Assessment.NOT_ESTABLISHED.exitCode);
    }

    @Test
    void ageInWords() {
        assertEquals("just now", StatusReport.inWords(Duration.ofSeconds(30)));
        assertEquals("1 minute ago", StatusReport.inWords(Duration.ofSeconds(61)));
        assertEquals("2 hours 5 minutes ago", StatusReport.inWords(Duration.ofMinutes(125)));
        assertEquals("3 days 1 hour ago", StatusReport.inWords(Duration.ofHours(73)));
    }

    @Test
    void meanAndTrendOfTheNewestFive() {
        List<PulseSummary> newestFirst = List.of(0.9, 0.8, 0.7, 0.6, 0.5, 0.1).stream()
                .map(s -> PulseSummary.of(Pulses.scored(NOW, s)))
                .toList();
        StatusReport report = StatusReport.of(new PulseHistory(null, newestFirst, PulseHistory.Counts.NONE), NOW);
        assertEquals(0.7, report.scoredMean(), 1e-9, "the reference's figure: the newest five scores");
        assertEquals(0.6, report.recentAverage(), 1e-9, "the API's: the newest ten pulses");
        assertEquals("rising", report.trend());
        assertEquals("steady", StatusReport.trend(List.of(0.8, 0.78)));
        assertEquals("falling", StatusReport.trend(List.of(0.5, 0.8)));
    }

    String run(boolean json, int expectedExit) throws Exception {
        StatusCommand command = new StatusCommand(TestConfig.of(Map.of("heartbeat.log-path", dir.toString())), JSON,
                new MutableClock(NOW), null); // the file store is read as a folder, not through the service's store
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(expectedExit, command.run(json, new PrintStream(out, true, StandardCharsets.UTF_8)));
        return out.toString(StandardCharsets.UTF_8);
    }

    void record(Instant at, double score) throws Exception {
        new LogFolder(dir, JSON).write(Pulses.scored(at, score));
    }

    @Test
    void noPulsesIsNotYetEstablished() throws Exception {
        assertTrue(run(false, 2).contains("not yet established"));
        assertEquals("not_established", JSON.readTree(run(true, 2)).get("assessment").asText());
    }

    @Test
    void aRecentPulseIsStrong() throws Exception {
        record(NOW.minus(Duration.ofMinutes(130)), 0.6);
        record(NOW.minus(Duration.ofMinutes(10)), 0.8);
        String text = run(false, 0);
        assertTrue(text.contains("(10 minutes ago)"), text);
        assertTrue(text.contains("Assessment:     strong and recent"), text);
        assertTrue(text.contains("Score:          0.80"), text);
        assertTrue(text.contains("Voices present: 1"), text);
        assertTrue(text.contains("Total pulses:   2"), text);
        assertTrue(text.contains("Recent average: 0.70 over the newest 10 (a failed pulse counts as 0)\n"), text);
        assertTrue(text.contains("Recent scores:  0.70, the mean of the newest 5 (rising)"), text);
        assertFalse(text.contains("Consider starting"), text);
    }

    @Test
    void aWeakeningHeartbeatExitsOneAndReminds() throws Exception {
        record(NOW.minus(Duration.ofHours(13)), 0.8);
        String text = run(false, 1);
        assertTrue(text.contains("weakening") && text.contains(StatusCommand.REMINDER), text);
    }

    @Test
    void aSilentHeartbeatExitsTwoAndJsonSaysWhy() throws Exception {
        record(NOW.minus(Duration.ofDays(2)), 0.8);
        JsonNode json = JSON.readTree(run(true, 2));
        assertEquals("silent", json.get("assessment").asText());
        assertEquals(Duration.ofDays(2).toSeconds(), json.get("age_seconds").asLong());
        assertEquals(0.8, json.get("consciousness_score").asDouble());
        assertTrue(json.get("reminder").asBoolean());
    }

    /** Recent failed pulses are not a heartbeat: judged by the last success, two hours ago, and said. */
    @Test
    void theNewestFailedPulsesAreNotStrongAndRecent() throws Exception {
        record(NOW.minus(Duration.ofMinutes(130)), 0.8);
        new LogFolder(dir, JSON).write(Pulses.failed(NOW.minus(Duration.ofMinutes(20))));
        new LogFolder(dir, JSON).write(Pulses.failed(NOW.minus(Duration.ofMinutes(5))));
        String text = run(false, 0);
        assertTrue(text.contains("Assessment:     healthy"), text);
        assertTrue(text.contains("Last success:   " + NOW.minus(Duration.ofMinutes(130)) + " (2 hours 10 minutes ago)"), text);
        assertTrue(text.contains("Failing:        the newest 2 pulses failed"), text);
        JsonNode json = JSON.readTree(run(true, 0));
        assertEquals(2, json.get("newest_failed").asInt());
        assertEquals(Duration.ofMinutes(130).toSeconds(), json.get("age_seconds").asLong());
        assertEquals("failed", json.get("last_outcome").asText());
    }

    @Test
    void onlyFailedPulsesAreSilent() throws Exception {
        new LogFolder(dir, JSON).write(Pulses.failed(NOW.minus(Duration.ofMinutes(5))));
        String text = run(false, 2);
        assertTrue(text.contains("silent too long") && text.contains("Last success:   none in the recent history"), text);
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
