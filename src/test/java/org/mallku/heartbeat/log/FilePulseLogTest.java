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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.pulse.PulseStore;
import org.mallku.heartbeat.pulse.PulseSummary;
import org.mallku.heartbeat.pulse.StoreHealth;
import org.mallku.heartbeat.testing.LogCapture;
import org.mallku.heartbeat.testing.MutableClock;
import org.mallku.heartbeat.testing.Pulses;
import org.mallku.heartbeat.testing.TestConfig;
import org.mallku.heartbeat.util.Periodic;

import com.fasterxml.jackson.databind.ObjectMapper;

class FilePulseLogTest {

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(T0);
    FilePulseLog store;
    Unwritten unwritten;

    /** The store on {@code dir} as the service holds it: behind a {@link PulseMemory}, restored. */
    PulseMemory open(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(extra);
        properties.putIfAbsent("heartbeat.log-path", dir.toString());
        HeartbeatConfig config = TestConfig.of(properties);
        // never the machine's temp dir: a test keeps its pulses under its own folder
        unwritten = new Unwritten(List.of(config.logPath().resolve(Unwritten.FOLDER), dir.resolve("elsewhere")), JSON);
        store = new FilePulseLog(config, clock, JSON, new Periodic(), unwritten);
        PulseMemory memory = new PulseMemory(store, config, null); // the file store has no news to announce
        memory.restore();
        return memory;
    }

    PulseMemory open() {
        return open(Map.of());
    }

    List<String> records() throws IOException {
        return new LogFolder(dir, JSON).recordNames();
    }

    @Test
    void aRecordReadsBackEqualWithUnicodeAndVeryLongReplies() throws IOException {
        String text = "Ayni — reciprocity 🌀 «équilibre» 互惠 " + "long ".repeat(50_000);
        Pulse pulse = Pulses.scored(T0, 0.87, text);
        PulseMemory log = open();
        log.record(pulse);
        String name = LogFolder.fileName(pulse);
        assertEquals(List.of(name), records());
        assertEquals(pulse, new LogFolder(dir, JSON).read(name));
        assertEquals(Optional.of(pulse), open().find(pulse.id()), "found again after a restart");
    }

    @Test
    void theFileHasTheFieldsTheReferenceStatusToolReads() throws IOException {
        Pulse pulse = Pulses.scored(T0, 0.87);
        open().record(pulse);
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
        PulseMemory log = open();
        Pulse first = Pulses.scored(T0, 0.8);
        Pulse second = Pulses.scored(T0.plusSeconds(1), 0.8);
        Pulse third = Pulses.scored(T0.plus(Duration.ofDays(400)), 0.8);
        log.record(third);
        log.record(first);
        log.record(second);
        assertEquals(List.of(LogFolder.fileName(first), LogFolder.fileName(second), LogFolder.fileName(third)), records());
        assertTrue(LogFolder.fileName(first).matches("heartbeat_20260301T090000Z_[0-9a-f]{8}\\.json"),
                LogFolder.fileName(first));
    }

    @Test
    void aRestartRestoresTheLatestPulseTheWindowAndTheCounters() {
        PulseMemory log = open();
        log.record(Pulses.scored(T0, 0.95));
        log.record(Pulses.failed(T0.plusSeconds(60)));
        Pulse last = Pulses.scored(T0.plusSeconds(120), 0.3);
        log.record(last);

        PulseMemory again = open();
        assertEquals(Optional.of(last), again.history().last());
        assertEquals(log.history(), again.history());
        PulseHistory.Counts counts = again.history().counts();
        assertEquals(3, counts.total());
        assertEquals(1, counts.alerts());
        assertEquals(1, counts.celebrations());
        assertEquals(1, counts.failed());
        assertEquals(T0, counts.firstPulseAt());
        assertEquals(3, again.storeHealth().records());
        assertTrue(again.storeHealth().restored());
    }

    @Test
    void aMissingIndexIsRebuiltFromTheRecords() throws IOException {
        PulseMemory log = open();
        for (int i = 0; i < 5; i++) {
            log.record(Pulses.scored(T0.plusSeconds(i), 0.8));
        }
        Files.delete(dir.resolve(LogFolder.INDEX));
        PulseMemory again = open();
        assertEquals(5, again.history().counts().total());
        assertEquals(log.history().recent(), again.history().recent());
        assertTrue(Files.exists(dir.resolve(LogFolder.INDEX)), "written again");
    }

    @Test
    void aStaleIndexCatchesUpWithRecordsWrittenBehindItsBack() throws IOException {
        PulseMemory log = open();
        log.record(Pulses.scored(T0, 0.8));
        // a crash between the record and the index leaves a record the index does not know
        Pulse unindexed = Pulses.scored(T0.plusSeconds(60), 0.6);
        new LogFolder(dir, JSON).write(unindexed);
        PulseMemory again = open();
        assertEquals(Optional.of(unindexed), again.history().last());
        assertEquals(2, again.history().counts().total());
        assertEquals(2, again.storeHealth().records());
    }

    @Test
    void corruptForeignAndNewerFilesAreSkippedCountedAndNeverFatal() throws IOException {
        PulseMemory log = open();
        Pulse good = Pulses.scored(T0, 0.8);
        log.record(good);
        Files.writeString(dir.resolve("heartbeat_20260301T090100Z_deadbeef.json"), "{\"consciousness_score\": 0.9, trunc");
        Files.writeString(dir.resolve("heartbeat_20260301T090200Z_0badf00d.json"), "{\"hello\": \"world\"}");
        String newer = JSON.writeValueAsString(PulseRecord.of(Pulses.scored(T0.plusSeconds(180), 0.8)))
                .replace("\"schema_version\":" + PulseRecord.SCHEMA_VERSION, "\"schema_version\":99");
        Files.writeString(dir.resolve("heartbeat_20260301T090300Z_12345678.json"), newer);
        Files.delete(dir.resolve(LogFolder.INDEX));

        PulseMemory again = open();
        assertEquals(Optional.of(good), again.history().last());
        assertEquals(3, again.storeHealth().skippedRecords());
        assertEquals(1, again.history().counts().total());
    }

    @Test
    void leftoverTemporaryFilesAreRemovedAtStart() throws IOException {
        open().record(Pulses.scored(T0, 0.8));
        Path leftover = dir.resolve(LogFolder.PARTIAL).resolve("heartbeat_20260301T090100Z_abcdef12.json.1234");
        Files.writeString(leftover, "{\"half\": ");
        open();
        assertFalse(Files.exists(leftover));
    }

    @Test
    void retentionRemovesTheOldestButNeverTheNewest() throws IOException {
        PulseMemory log = open(Map.of("heartbeat.log.retention", "10d"));
        Pulse old = Pulses.scored(T0, 0.8);
        Pulse recent = Pulses.scored(T0.plus(Duration.ofDays(9)), 0.8);
        log.record(old);
        log.record(recent);
        clock.set(T0.plus(Duration.ofDays(11)));
        Pulse now = Pulses.scored(clock.instant(), 0.8);
        log.record(now);
        assertEquals(List.of(LogFolder.fileName(recent), LogFolder.fileName(now)), records());
        assertEquals(2, log.storeHealth().records());
        assertEquals(3, log.history().counts().total(), "the total counts pruned pulses too");

        clock.set(T0.plus(Duration.ofDays(100)));
        log.record(Pulses.scored(T0.plus(Duration.ofDays(12)), 0.8)); // itself older than retention
        assertEquals(1, records().size(), "the newest record stays, however old");
    }

    @Test
    void maxFilesKeepsTheNewest() throws IOException {
        PulseMemory log = open(Map.of("heartbeat.log.max-files", "3"));
        for (int i = 0; i < 5; i++) {
            log.record(Pulses.scored(T0.plusSeconds(i), 0.8));
        }
        List<String> names = records();
        assertEquals(3, names.size());
        List<String> newest = new ArrayList<>(
                log.history().recent().subList(0, 3).stream().map(p -> LogFolder.fileName(p.startedAt(), p.id())).toList());
        Collections.reverse(newest);
        assertEquals(newest, names);
    }

    @Test
    void anUnwritableFolderKeepsPulsesInMemoryAndWritesThemWhenItRecovers() throws IOException {
        Path blocked = dir.resolve("log");
        Files.writeString(blocked, "a file where the folder should be");
        PulseMemory log = open(Map.of("heartbeat.log-path", blocked.toString()));
        Pulse first = Pulses.scored(T0, 0.8);
        log.record(first);
        log.record(Pulses.scored(T0.plusSeconds(1), 0.7));

        StoreHealth health = log.storeHealth();
        assertFalse(health.writable());
        assertTrue(health.reason().contains(blocked.toString()), "names the file as configured: " + health.reason());
        assertEquals(2, health.pending());
        assertEquals(2, log.storeHealth().writeFailures());
        assertEquals(2, log.history().counts().total(), "the pulses are still counted");
        assertEquals(Optional.of(first), log.find(first.id()), "and can still be read");

        Files.delete(blocked);
        store.retryPending();
        assertTrue(log.storeHealth().writable());
        assertEquals(0, log.storeHealth().pending());
        assertEquals(2, new LogFolder(blocked, JSON).recordNames().size());
    }

    @Test
    void pulsesStillWaitingAtShutdownAreKeptElsewhereNamedAndWrittenAtTheNextStart() throws IOException {
        Path blocked = dir.resolve("log");
        Files.writeString(blocked, "a file where the folder should be");
        Map<String, String> config = Map.of("heartbeat.log-path", blocked.toString());
        PulseMemory log = open(config);
        Pulse first = Pulses.scored(T0, 0.8);
        Pulse second = Pulses.scored(T0.plusSeconds(1), 0.7);
        log.record(first);
        log.record(second);

        try (LogCapture said = LogCapture.of(Unwritten.class.getName())) {
            log.close();
            assertEquals(1, said.lines().size(), "one line: " + said.lines());
            String line = said.lines().get(0);
            assertTrue(line.contains("2 pulse(s)") && line.contains(first.id().toString())
                    && line.contains(second.id().toString()) && line.contains(dir.resolve("elsewhere").toString()), line);
        }
        assertEquals(2, unwritten.kept());
        assertEquals(0, unwritten.lost());
        assertEquals(2, new LogFolder(dir.resolve("elsewhere"), JSON).recordNames().size());

        Files.delete(blocked); // the disk has room again
        PulseMemory restarted = open(config);
        assertEquals(2, restarted.history().counts().total());
        assertEquals(second.id(), restarted.history().latest().id());
        assertEquals(0, restarted.storeHealth().pending());
        assertEquals(List.of(LogFolder.fileName(first), LogFolder.fileName(second)), new LogFolder(blocked, JSON).recordNames());
        assertEquals(List.of(), new LogFolder(dir.resolve("elsewhere"), JSON).recordNames(), "read back, then removed");
        assertEquals(2, open(config).history().counts().total(), "and counted once after the next restart");
    }

    @Test
    void pulsesThatCanBeKeptNowhereAreNamedAsLostAndCounted() throws IOException {
        Files.writeString(dir.resolve("log"), "a file where the folder should be");
        Files.writeString(dir.resolve("elsewhere"), "and another where the spare folder should be");
        PulseMemory log = open(Map.of("heartbeat.log-path", dir.resolve("log").toString()));
        Pulse pulse = Pulses.scored(T0, 0.8);
        log.record(pulse);

        try (LogCapture said = LogCapture.of(Unwritten.class.getName())) {
            log.close();
            assertEquals(1, said.lines().size(), "one line: " + said.lines());
            assertTrue(said.lines().get(0).contains("are lost: [" + pulse.id() + "]"), said.lines().get(0));
        }
        assertEquals(1, unwritten.lost());
        assertEquals(0, store.health().pending());
    }

    @Test
    void pagesWalkTheHistoryNewestFirstFromMemoryOrDisk() {
        PulseMemory log = open();
        List<Pulse> pulses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Pulse p = Pulses.scored(T0.plusSeconds(60L * i), 0.8);
            pulses.add(p);
            log.record(p);
        }
        List<PulseSummary> newest = log.page(Optional.empty(), 3);
        assertEquals(List.of(pulses.get(6).id(), pulses.get(5).id(), pulses.get(4).id()),
                newest.stream().map(PulseSummary::id).toList());
        List<PulseSummary> next = log.page(Optional.of(new PulseStore.Before.Id(pulses.get(4).id())), 3);
        assertEquals(List.of(pulses.get(3).id(), pulses.get(2).id(), pulses.get(1).id()),
                next.stream().map(PulseSummary::id).toList());
        List<PulseSummary> byTime = log.page(Optional.of(new PulseStore.Before.At(T0.plusSeconds(90))), 10);
        assertEquals(List.of(pulses.get(1).id(), pulses.get(0).id()), byTime.stream().map(PulseSummary::id).toList());
        assertNull(log.find(UUID.randomUUID()).orElse(null));
    }
}
