package org.mallku.heartbeat.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.testing.MutableClock;
import org.mallku.heartbeat.testing.Stores;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.bootstrap.classloading.QuarkusClassLoader;

/** kill -9 of a writer at random moments leaves whole records or none, never a partial one. */
class CrashSafetyTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aWriterKilledMidWriteLeavesOnlyWholeRecords() throws Exception {
        for (int kill = 0; kill < 3; kill++) {
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", writerClassPath(), CrashWriter.class.getName(), dir.toString())
                    .redirectErrorStream(true)
                    .start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream()))) {
                assertEquals("writing", out.readLine());
                // after the first whole record (a busy machine may take seconds to get there), at a random moment
                assertEquals("wrote 1", out.readLine());
                Thread.sleep(ThreadLocalRandom.current().nextInt(300));
                writer.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
                assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
            }
        }

        LogFolder folder = new LogFolder(dir, JSON);
        List<String> records = folder.recordNames();
        assertTrue(records.size() >= 1, "the writer managed some records: " + records.size());
        for (String name : records) {
            folder.read(name); // throws if a record is partial
        }

        PulseMemory log = Stores.onFolder(dir, new MutableClock(Instant.parse("2026-03-02T00:00:00Z")));
        assertEquals(0, log.storeHealth().skippedRecords());
        assertEquals(records.size(), log.history().counts().total());
        try (Stream<Path> files = Files.list(dir.resolve(LogFolder.PARTIAL))) {
            assertEquals(List.of(), files.toList(), "unfinished temporary files are gone after start-up");
        }
    }

    /**
     * The class path of the writer. Under continuous testing ({@code quarkus:test}, or {@code r} in dev mode)
     * {@code java.class.path} is Maven's own and the project's classes are held in memory: they are taken from the
     * build's output folders, and the libraries the writer loads from the jars Quarkus's class loader names.
     */
    static String writerClassPath() {
        if (!(CrashSafetyTest.class.getClassLoader() instanceof QuarkusClassLoader quarkus)) {
            return System.getProperty("java.class.path");
        }
        Stream<Path> project = Stream.of(Path.of("target", "classes"), Path.of("target", "test-classes"));
        Stream<Path> libraries = Stream.of(ObjectMapper.class, JsonFactory.class, JsonInclude.class, Logger.class)
                .map(c -> quarkus.getElementsWithResource(c.getName().replace('.', '/') + ".class").get(0).getRoot());
        return Stream.concat(project, libraries).map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
