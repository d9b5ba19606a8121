package org.mallku.heartbeat.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mallku.heartbeat.config.InvalidConfigurationException;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.testing.Fifo;
import org.mallku.heartbeat.testing.LogCapture;
import org.mallku.heartbeat.testing.MutableClock;
import org.mallku.heartbeat.testing.Pulses;
import org.mallku.heartbeat.testing.Stores;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The log folder is data, not instructions: links, a lying index and hostile files change nothing outside it. */
class HostileFolderTest {

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "sk-ant-api03-SECRET-never-to-be-logged";

    @TempDir
    Path root;
    Path dir;
    LogCapture capture;
    List<String> warnings;

    @BeforeEach
    void folder() throws IOException {
        dir = Files.createDirectory(root.resolve("log"));
        capture = LogCapture.of("org.mallku.heartbeat.log");
        warnings = capture.lines();
    }

    @AfterEach
    void release() {
        capture.close();
    }

    PulseMemory open() {
        return Stores.onFolder(dir, new MutableClock(T0.plusSeconds(3600)));
    }

    List<Pulse> twoPulses() {
        PulseMemory log = open();
        List<Pulse> pulses = List.of(Pulses.scored(T0, 0.8), Pulses.scored(T0.plusSeconds(60), 0.7));
        pulses.forEach(log::record);
        return pulses;
    }

    /** Writes {@code index} as the current index: stamped with the folder's time, as the log itself does. */
    void plant(ObjectNode index) throws IOException {
        Path file = dir.resolve(LogFolder.INDEX);
        Files.write(file, JSON.writeValueAsBytes(index));
        Files.setLastModifiedTime(file, Files.getLastModifiedTime(dir));
    }

    List<String> aboutTheIndex() {
        return warnings.stream().filter(w -> w.contains(LogFolder.INDEX)).toList();
    }

    ObjectNode index() throws IOException {
        return (ObjectNode) JSON.readTree(dir.resolve(LogFolder.INDEX).toFile());
    }

    @Test
    void aPartialThatIsALinkIsRefusedAndWhatItPointsToIsLeftAlone() throws IOException {
        Path elsewhere = Files.createDirectory(root.resolve("elsewhere"));
        Path precious = Files.writeString(elsewhere.resolve("precious.txt"), "keep me");
        Files.createSymbolicLink(dir.resolve(LogFolder.PARTIAL), elsewhere);

        var refused = assertThrows(InvalidConfigurationException.class, this::open);
        assertEquals("heartbeat.log-path=" + dir + ": .partial is a symbolic link, not a folder: remove it,"
                + " the heartbeat makes its own", refused.getMessage());
        assertTrue(Files.exists(precious));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/etc/passwd", "../outside/heartbeat_20260301T090200Z_0badf00d.json",
            "heartbeat_20260301T090200Z_0badf00d.json" })
    void anIndexNamingAFileOutsideOrAnotherRecordIsRebuilt(String file) throws IOException {
        List<Pulse> pulses = twoPulses();
        Pulse evil = Pulses.scored(T0.plusSeconds(120), 0.1);
        Path outside = Files.createDirectories(root.resolve("outside"));
        new LogFolder(outside, JSON).write(evil);
        ObjectNode index = index();
        ObjectNode newest = (ObjectNode) index.withArray("recent").get(0);
        newest.put("file", file);
        newest.put("id", evil.id().toString());
        plant(index);

        PulseMemory log = open();
        assertEquals(Optional.of(pulses.get(1)), log.history().last(), "the newest record of the folder, nothing else");
        assertEquals(2, log.history().counts().total());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("rebuilding it from the records")), warnings.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "recent:null", "id:not-a-uuid", "started_at:yesterday", "outcome:splendid", "total:-5",
            "total:9223372036854775807", "total:9007199254740992", "alerts:9223372036854775807", "total:1" })
    void anIndexThatDoesNotValidateIsRebuiltWithOneWarning(String damage) throws IOException {
        List<Pulse> pulses = twoPulses();
        String field = damage.substring(0, damage.indexOf(':'));
        String value = damage.substring(damage.indexOf(':') + 1);
        ObjectNode index = index();
        switch (field) {
            case "recent" -> index.putNull("recent");
            case "total", "alerts" -> index.put(field, Long.parseLong(value));
            default -> ((ObjectNode) index.withArray("recent").get(0)).put(field, value);
        }
        plant(index);

        PulseMemory log = open();
        assertEquals(Optional.of(pulses.get(1)), log.history().last());
        assertEquals(2, log.history().counts().total());
        assertEquals(1, warnings.stream().filter(w -> w.contains("rebuilding it from the records")).count(), warnings.toString());
        assertEquals(2, new Restore(new LogFolder(dir, JSON), T0).index().recent().size(), "a valid index was written");
    }

    @Test
    void warningsNameTheFileAndTheProblemNeverTheContent() throws IOException {
        twoPulses();
        Path secret = Files.writeString(root.resolve("api_keys.json"), "{\"ANTHROPIC_API_KEY\": \"" + SECRET + "\"}");
        Files.createSymbolicLink(dir.resolve("heartbeat_20260301T090500Z_11111111.json"), secret);
        Files.writeString(dir.resolve("heartbeat_20260301T090600Z_22222222.json"), SECRET + " {");
        Files.writeString(dir.resolve("heartbeat_20260301T090700Z_33333333.json"),
                "{\"heartbeat_id\": \"SECRET-1\", \"started_at\": \"x\", \"completed_at\": \"x\","
                        + " \"pulse_type\": \"interval\", \"outcome\": \"ok\"}");
        Files.writeString(dir.resolve("heartbeat_20260301T090800Z_44444444.json"),
                "{\"heartbeat_id\": \"" + UUID.randomUUID() + "\", \"started_at\": \"" + SECRET + "\","
                        + " \"completed_at\": \"x\", \"pulse_type\": \"interval\", \"outcome\": \"ok\"}");
        Files.writeString(dir.resolve(LogFolder.INDEX), "{\"schema_version\": 1, \"recent\": [\"" + SECRET + "\"]}");

        PulseMemory log = open();
        assertEquals(4, log.storeHealth().skippedRecords());
        assertFalse(warnings.isEmpty());
        assertTrue(warnings.stream().noneMatch(w -> w.contains("SECRET")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("a symbolic link, not followed")), warnings.toString());
    }

    @Test
    void anUnreadableFileIsSaidAndCountedOnceHoweverOftenItIsMet() throws IOException {
        twoPulses();
        Files.writeString(dir.resolve("heartbeat_20260301T085900Z_deadbeef.json"), "{\"half\": ");
        PulseMemory log = open();
        assertEquals(0, log.storeHealth().skippedRecords(), "older than the index: not read at start");
        for (int i = 0; i < 5; i++) {
            assertEquals(2, log.page(Optional.empty(), 10).size(), "the history, read from disk");
        }
        assertEquals(1, log.storeHealth().skippedRecords());
        assertEquals(1, warnings.stream().filter(w -> w.contains("deadbeef")).count(), warnings.toString());
    }

    @Test
    void aRecordFromTheFutureIsKeptButIsNotTheLastPulse() throws IOException {
        List<Pulse> pulses = twoPulses();
        Pulse future = Pulses.scored(Instant.parse("2099-01-01T00:00:00Z"), 0.9);
        new LogFolder(dir, JSON).write(future);

        PulseMemory log = open(); // its clock: an hour after the first pulse
        assertEquals(Optional.of(pulses.get(1)), log.history().last(), "freshness, dedupe and catch-up read this");
        assertEquals(List.of(pulses.get(1).id(), pulses.get(0).id()),
                log.history().recent().stream().map(p -> p.id()).toList(), "cooldown and the rhythm read this");
        assertEquals(Optional.of(future), log.find(future.id()), "kept, and served as it is");
        assertTrue(warnings.stream().anyMatch(w -> w.contains("ahead of this host's clock")), warnings.toString());
        assertEquals(List.of(pulses.get(1).id(), pulses.get(0).id()),
                History.read(dir, JSON, T0.plusSeconds(3600)).history().recent().stream().map(p -> p.id()).toList(),
                "the status command agrees");
    }

    @Test
    void aFolderThatCannotBeWrittenIsExplainedWithoutTheHostsAbsolutePath() throws IOException {
        Path relative = Path.of("target", "blocked-" + UUID.randomUUID() + ".log");
        Files.createDirectories(relative.getParent());
        Files.writeString(relative, "a file where the folder should be");
        try {
            PulseMemory log = Stores.onFolder(relative, new MutableClock(T0));
            log.record(Pulses.scored(T0, 0.8));
            String reason = log.storeHealth().reason();
            assertFalse(log.storeHealth().writable());
            assertTrue(reason.contains(relative.toString()), reason);
            assertFalse(reason.contains(Path.of("").toAbsolutePath().toString()), reason);
        } finally {
            Files.deleteIfExists(relative);
        }
    }

    @Test
    void theListingIsKeptUntilTheFolderChanges() throws IOException {
        twoPulses();
        LogFolder folder = new LogFolder(dir, JSON);
        List<String> first = folder.recordNames();
        assertSame(first, folder.recordNames(), "unknown ids and old pages do not list the folder again");
        folder.write(Pulses.scored(T0.plusSeconds(300), 0.9));
        List<String> after = folder.recordNames();
        assertNotSame(first, after);
        assertEquals(3, after.size());
        assertEquals(Optional.of(after.get(2)), folder.nameOf(folder.read(after.get(2)).id()));
    }

    @Test
    void anIndexThatIsAFifoIsSkippedWithOneWarningAndRebuilt() throws Exception {
        twoPulses();
        Path index = dir.resolve(LogFolder.INDEX);
        Files.delete(index);
        Fifo.make(index); // no need to stamp it current: the index is opened either way (and stamping opens it)

        PulseMemory log = Fifo.withoutHanging(this::open);
        assertEquals(2, log.history().counts().total());
        assertEquals(List.of("org.mallku.heartbeat.log.LogFolder The index pulse-index.json in " + dir
                + " cannot be used (a FIFO, not a regular file): rebuilding it from the records "), aboutTheIndex());
        assertTrue(Files.isRegularFile(index, LinkOption.NOFOLLOW_LINKS), "the rebuilt index took its place");
    }

    @Test
    void aRecordThatIsAFifoIsSkippedAtStartInStatusAndInPages() throws Exception {
        List<Pulse> pulses = twoPulses();
        Fifo.make(dir.resolve("heartbeat_20260301T090500Z_f1f0f1f0.json"));

        PulseMemory log = Fifo.withoutHanging(this::open);
        assertEquals(Optional.of(pulses.get(1)), log.history().last());
        assertEquals(2, log.history().counts().total());
        assertEquals(1, log.storeHealth().skippedRecords());
        assertEquals(2, Fifo.withoutHanging(() -> log.page(Optional.empty(), 10)).size());
        String skipped = "Skipped heartbeat_20260301T090500Z_f1f0f1f0.json in " + dir + ": a FIFO, not a regular file";
        assertEquals(1, warnings.stream().filter(w -> w.contains(skipped)).count(), "said once: " + warnings);
        assertEquals(1, log.storeHealth().skippedRecords());

        History status = Fifo.withoutHanging(() -> History.read(dir, JSON, T0.plusSeconds(3600)));
        assertEquals(2, status.history().counts().total());
        assertEquals(1, status.skipped());
    }

    /** An index stamped as current that leaves records out: they are counted again, none is lost. */
    @ParameterizedTest
    @ValueSource(ints = { 0, 3 })
    void anIndexThatLeavesOutRealRecordsIsRebuiltAndKeepsThemAll(int files) throws IOException {
        LogFolder folder = new LogFolder(dir, JSON);
        List<Pulse> pulses = List.of(Pulses.scored(T0, 0.8), Pulses.failed(T0.plusSeconds(60)),
                Pulses.scored(T0.plusSeconds(120), 0.3));
        for (Pulse p : pulses) {
            folder.write(p);
        }
        ObjectNode lie = JSON.createObjectNode().put("schema_version", 1).put("total", 3).put("files", files);
        lie.putArray("recent");
        plant(lie);

        PulseMemory log = open();
        assertEquals(3, log.history().counts().total());
        assertEquals(1, log.history().counts().failed());
        assertEquals(1, log.history().counts().alerts());
        assertEquals(List.of(pulses.get(2).id(), pulses.get(1).id(), pulses.get(0).id()),
                log.history().recent().stream().map(p -> p.id()).toList());
        assertEquals(Optional.of(pulses.get(2)), log.history().last());
        String why = files == 0 ? "it counts 0 record(s), the folder holds 3"
                : "it leaves out " + LogFolder.fileName(pulses.get(2)) + ", newer than its newest pulse";
        assertEquals(List.of("org.mallku.heartbeat.log.Restore The index pulse-index.json in " + dir + " cannot be used ("
                + why + "): rebuilding it from the records "), aboutTheIndex());
        assertEquals(3, index().get("files").asLong(), "the rebuilt index was written");
        assertEquals(3, index().withArray("recent").size());
    }

    @Test
    void anHonestIndexIsReadAsItIsAndNotRebuilt() throws IOException {
        twoPulses();
        Files.writeString(dir.resolve("heartbeat_20260301T090500Z_0badf00d.json"), "{\"half\": ");
        PulseMemory log = open(); // the unreadable record made the index stale: counted without it
        assertEquals(2, log.history().counts().total());
        ObjectNode written = index();
        assertEquals(3, written.get("files").asLong());
        FileTime stamped = Files.getLastModifiedTime(dir.resolve(LogFolder.INDEX));
        warnings.clear();

        PulseMemory again = open();
        assertEquals(2, again.history().counts().total());
        assertEquals(written, index());
        assertEquals(stamped, Files.getLastModifiedTime(dir.resolve(LogFolder.INDEX)), "not rewritten");
        assertTrue(warnings.stream().noneMatch(w -> w.contains("rebuilding")), warnings.toString());
    }

    /** 600 MB of index (a sparse file, so it costs no disk): refused for its size before it is opened. */
    @Test
    void anIndexTooLargeToBeAnIndexIsNotReadAndIsRebuilt() throws IOException {
        Path big = Files.createDirectories(Path.of("target", "oversize-index-" + UUID.randomUUID()));
        try {
            dir = big;
            twoPulses();
            Path index = dir.resolve(LogFolder.INDEX);
            try (RandomAccessFile file = new RandomAccessFile(index.toFile(), "rw")) {
                file.setLength(600L * 1024 * 1024);
            }
            Files.setLastModifiedTime(index, Files.getLastModifiedTime(dir));

            PulseMemory log = open();
            assertEquals(2, log.history().counts().total());
            assertEquals(List.of("org.mallku.heartbeat.log.LogFolder The index pulse-index.json in " + dir
                    + " cannot be used (600 MiB, over the limit of 4 MiB): rebuilding it from the records "), aboutTheIndex());
            assertTrue(Files.size(index) < 10_000, "rebuilt: " + Files.size(index) + " bytes");
        } finally {
            try (var files = Files.list(big)) {
                for (Path f : files.toList()) {
                    if (Files.isDirectory(f)) {
                        try (var inner = Files.list(f)) {
                            for (Path g : inner.toList()) {
                                Files.delete(g);
                            }
                        }
                    }
                    Files.delete(f);
                }
            }
            Files.delete(big);
        }
    }

    /** Bytes alone do not bound the heap: a small index or record of a million empty objects is refused early. */
    @Test
    void anIndexOrRecordOfCountlessTinyValuesIsRefusedBeforeItFillsTheHeap() throws IOException {
        List<Pulse> pulses = twoPulses();
        String countless = "{}," .repeat(1_000_000);
        Files.writeString(dir.resolve(LogFolder.INDEX), "{\"schema_version\": 1, \"recent\": [" + countless + "{}]}");
        Files.setLastModifiedTime(dir.resolve(LogFolder.INDEX), Files.getLastModifiedTime(dir));
        String record = "heartbeat_20260301T090500Z_c0c0c0c0.json";
        Files.writeString(dir.resolve(record), "{\"rounds\": [" + countless + "{}]}");
        assertTrue(Files.size(dir.resolve(record)) < LogFolder.MAX_RECORD_BYTES);

        PulseMemory log = open();
        assertEquals(Optional.of(pulses.get(1)), log.history().last());
        assertEquals(2, log.history().counts().total());
        String tooMany = "more than 100000 JSON values and names, far more than this version writes";
        assertEquals(List.of("org.mallku.heartbeat.log.LogFolder The index pulse-index.json in " + dir + " cannot be used ("
                + tooMany + "): rebuilding it from the records "), aboutTheIndex());
        assertEquals(1, warnings.stream().filter(w -> w.contains(record + " in " + dir + ": " + tooMany)).count(),
                warnings.toString());
    }
}
