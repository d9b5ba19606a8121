package org.mallku.heartbeat.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mallku.heartbeat.Periodic;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseSummary;
import org.mallku.heartbeat.testing.MutableClock;
import org.mallku.heartbeat.testing.Pulses;
import org.mallku.heartbeat.testing.TestConfig;

import com.fasterxml.jackson.databind.ObjectMapper;

class FilePulseLogTest {

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(T0);

    FilePulseLog open(Map<String, String> extra) {
        Map<String, String> properties = new java.util.HashMap<>(extra);
        properties.put("heartbeat.log-path", dir.toString());
        FilePulseLog log = new FilePulseLog(TestConfig.of(properties), clock, JSON, new Periodic());
        log.restore();
        return log;
    }

    FilePulseLog open() {
        return open(Map.of());
    }

    List<String> records() throws IOException {
        return new LogFolder(dir, JSON).recordNames();
    }

    @Test
    void aRecordReadsBackEqualWithUnicodeAndVeryLongReplies() throws IOException {
        String text = "Ayni — reciprocity 🌀 «équilibre» 互惠 " + "long ".repeat(50_000);
        Pulse pulse = Pulses.scored(T0, 0.87, text);
        FilePulseLog log = open();
        log.append(pulse);
        String name = LogFolder.fileName(pulse);
        assertEquals(List.of(name), records());
        assertEquals(pulse, new LogFolder(dir, JSON).read(name));
        assertEquals(Optional.of(pulse), open().find(pulse.id()), "found again after a restart");
    }

    @Test
    void theFileHasTheFieldsTheReferenceStatusToolReads() throws IOException {
        Pulse pulse = Pulses.scored(T0, 0.87);
        open().append(pulse);
        var json = JSON.readTree(dir.resolve(LogFolder.fileName(pulse)).toFile());
        assertEquals("2026-03-01T09:00:00.000+00:00", json.get("timestamp").asText());
        assertEquals(0.87, json.get("consciousness_score").asDouble());
        assertEquals(1, json.get("voices_present").asInt());
        assertEquals("Round 1 (reflection) scored 0.87", json.get("key_insight").asText());
        assertEquals(pulse.id().toString(), json.get("heartbeat_id").asText());
        assertEquals("interval", json.get("pulse_type").asText());
        assertEquals("ok", json.get("outcome").asText());
        assertFalse(json.get("alert_raised").asBoolean());
        assertEquals(PulseRecord.SCHEMA_VERSION, json.get("schema_version").asInt());
        assertEquals("timeout", json.get("rounds").get(0).get("replies").get(1).get("outcome").asText());
    }

    @Test
    void namesSortByTimeSoTheReverseSortIsNewestFirst() throws IOException {
        FilePulseLog log = open();
        Pulse first = Pulses.scored(T0, 0.8);
        Pulse second = Pulses.scored(T0.plusSeconds(1), 0.8);
        Pulse third = Pulses.scored(T0.plus(Duration.ofDays(400)), 0.8);
        log.append(third);
        log.append(first);
        log.append(second);
        assertEquals(List.of(LogFolder.fileName(first), LogFolder.fileName(second), LogFolder.fileName(third)), records());
        assertTrue(LogFolder.fileName(first).matches("heartbeat_20260301T090000Z_[0-9a-f]{8}\\.json"),
                LogFolder.fileName(first));
    }

    @Test
    void aRestartRestoresTheLatestPulseTheWindowAndTheCounters() {
        FilePulseLog log = open();
        log.append(Pulses.scored(T0, 0.95));
        log.append(Pulses.failed(T0.plusSeconds(60)));
        Pulse last = Pulses.scored(T0.plusSeconds(120), 0.3);
        log.append(last);

        FilePulseLog again = open();
        assertEquals(Optional.of(last), again.latest());
        assertEquals(log.recent(10), again.recent(10));
        LogStats stats = again.stats();
        assertEquals(3, stats.total());
        assertEquals(1, stats.alerts());
        assertEquals(1, stats.celebrations());
        assertEquals(1, stats.failed());
        assertEquals(3, stats.files());
        assertEquals(T0, stats.firstPulseAt());
        assertTrue(again.health().restored());
    }

    @Test
    void aMissingIndexIsRebuiltFromTheRecords() throws IOException {
        FilePulseLog log = open();
        for (int i = 0; i < 5; i++) {
            log.append(Pulses.scored(T0.plusSeconds(i), 0.8));
        }
        Files.delete(dir.resolve(LogFolder.INDEX));
        FilePulseLog again = open();
        assertEquals(5, again.stats().total());
        assertEquals(log.recent(5), again.recent(5));
        assertTrue(Files.exists(dir.resolve(LogFolder.INDEX)), "written again");
    }

    @Test
    void aStaleIndexCatchesUpWithRecordsWrittenBehindItsBack() throws IOException {
        FilePulseLog log = open();
        log.append(Pulses.scored(T0, 0.8));
        // a crash between the record and the index leaves a record the index does not know
        Pulse unindexed = Pulses.scored(T0.plusSeconds(60), 0.6);
        new LogFolder(dir, JSON).write(unindexed);
        FilePulseLog again = open();
        assertEquals(Optional.of(unindexed), again.latest());
        assertEquals(2, again.stats().total());
        assertEquals(2, again.stats().files());
    }

    @Test
    void corruptForeignAndNewerFilesAreSkippedCountedAndNeverFatal() throws IOException {
        FilePulseLog log = open();
        Pulse good = Pulses.scored(T0, 0.8);
        log.append(good);
        Files.writeString(dir.resolve("heartbeat_20260301T090100Z_deadbeef.json"), "{\"consciousness_score\": 0.9, trunc");
        Files.writeString(dir.resolve("heartbeat_20260301T090200Z_0badf00d.json"), "{\"hello\": \"world\"}");
        String newer = JSON.writeValueAsString(PulseRecord.of(Pulses.scored(T0.plusSeconds(180), 0.8)))
                .replace("\"schema_version\":" + PulseRecord.SCHEMA_VERSION, "\"schema_version\":99");
        Files.writeString(dir.resolve("heartbeat_20260301T090300Z_12345678.json"), newer);
        Files.delete(dir.resolve(LogFolder.INDEX));

        FilePulseLog again = open();
        assertEquals(Optional.of(good), again.latest());
        assertEquals(3, again.stats().skippedRecords());
        assertEquals(1, again.stats().total());
    }

    @Test
    void leftoverTemporaryFilesAreRemovedAtStart() throws IOException {
        open().append(Pulses.scored(T0, 0.8));
        Path leftover = dir.resolve(LogFolder.PARTIAL).resolve("heartbeat_20260301T090100Z_abcdef12.json.1234");
        Files.writeString(leftover, "{\"half\": ");
        open();
        assertFalse(Files.exists(leftover));
    }

    @Test
    void retentionRemovesTheOldestButNeverTheNewest() throws IOException {
        FilePulseLog log = open(Map.of("heartbeat.log.retention", "10d"));
        Pulse old = Pulses.scored(T0, 0.8);
        Pulse recent = Pulses.scored(T0.plus(Duration.ofDays(9)), 0.8);
        log.append(old);
        log.append(recent);
        clock.set(T0.plus(Duration.ofDays(11)));
        Pulse now = Pulses.scored(clock.instant(), 0.8);
        log.append(now);
        assertEquals(List.of(LogFolder.fileName(recent), LogFolder.fileName(now)), records());
        assertEquals(2, log.stats().files());
        assertEquals(3, log.stats().total(), "the total counts pruned pulses too");

        clock.set(T0.plus(Duration.ofDays(100)));
        log.append(Pulses.scored(T0.plus(Duration.ofDays(12)), 0.8)); // itself older than retention
        assertEquals(1, records().size(), "the newest record stays, however old");
    }

    @Test
    void maxFilesKeepsTheNewest() throws IOException {
        FilePulseLog log = open(Map.of("heartbeat.log.max-files", "3"));
        for (int i = 0; i < 5; i++) {
            log.append(Pulses.scored(T0.plusSeconds(i), 0.8));
        }
        List<String> names = records();
        assertEquals(3, names.size());
        List<String> newest = new java.util.ArrayList<>(
                log.recent(3).stream().map(p -> LogFolder.fileName(p.startedAt(), p.id())).toList());
        java.util.Collections.reverse(newest);
        assertEquals(newest, names);
    }

    @Test
    void anUnwritableFolderKeepsPulsesInMemoryAndWritesThemWhenItRecovers() throws IOException {
        Path blocked = dir.resolve("log");
        Files.writeString(blocked, "a file where the folder should be");
        FilePulseLog log = new FilePulseLog(TestConfig.of(Map.of("heartbeat.log-path", blocked.toString())), clock, JSON, new Periodic());
        log.restore();
        Pulse first = Pulses.scored(T0, 0.8);
        log.append(first);
        log.append(Pulses.scored(T0.plusSeconds(1), 0.7));

        LogHealth health = log.health();
        assertFalse(health.writable());
        assertTrue(health.reason().contains(blocked.toString()) || health.reason().contains("Exception"), health.reason());
        assertEquals(2, health.pending());
        assertEquals(2, log.stats().writeFailures());
        assertEquals(2, log.stats().total(), "the pulses are still counted");
        assertEquals(Optional.of(first), log.find(first.id()), "and can still be read");

        Files.delete(blocked);
        log.retryPending();
        assertTrue(log.health().writable());
        assertEquals(0, log.health().pending());
        assertEquals(2, new LogFolder(blocked, JSON).recordNames().size());
    }

    @Test
    void pagesWalkTheHistoryNewestFirstFromMemoryOrDisk() {
        FilePulseLog log = open();
        List<Pulse> pulses = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Pulse p = Pulses.scored(T0.plusSeconds(60L * i), 0.8);
            pulses.add(p);
            log.append(p);
        }
        List<PulseSummary> newest = log.page(Optional.empty(), 3);
        assertEquals(List.of(pulses.get(6).id(), pulses.get(5).id(), pulses.get(4).id()),
                newest.stream().map(PulseSummary::id).toList());
        List<PulseSummary> next = log.page(Optional.of(new PulseLog.Before.Id(pulses.get(4).id())), 3);
        assertEquals(List.of(pulses.get(3).id(), pulses.get(2).id(), pulses.get(1).id()),
                next.stream().map(PulseSummary::id).toList());
        List<PulseSummary> byTime = log.page(Optional.of(new PulseLog.Before.At(T0.plusSeconds(90))), 10);
        assertEquals(List.of(pulses.get(1).id(), pulses.get(0).id()), byTime.stream().map(PulseSummary::id).toList());
        assertNull(log.find(java.util.UUID.randomUUID()).orElse(null));
    }
}
