package org.mallku.heartbeat.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;
import org.mallku.heartbeat.pulse.Pulse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The files of the pulse log: one {@code heartbeat_<UTC yyyyMMdd'T'HHmmss'Z'>_<8 hex of the id>.json} per pulse,
 * so that a name sort is a time sort, and {@value #INDEX} with the counters and the recent window. Every write
 * is crash-safe: a temporary file in {@value #PARTIAL} (same file system), fsync, atomic rename into the folder,
 * fsync of the folder, so a reader sees the whole file or none of it. Keeping temporaries in their own
 * sub-folder lets start-up sweep them without listing the whole history.
 */
public final class LogFolder {

    public static final String INDEX = "pulse-index.json";
    static final String PREFIX = "heartbeat_";
    static final String SUFFIX = ".json";
    /** Sub-folder of files being written; whatever is in it at start-up was cut short by a crash. */
    public static final String PARTIAL = ".partial";
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private static final Logger LOG = Logger.getLogger(LogFolder.class);

    private final Path dir;
    private final ObjectMapper json;

    public LogFolder(Path dir, ObjectMapper json) {
        this.dir = dir;
        this.json = json;
    }

    public Path dir() {
        return dir;
    }

    public static String fileName(Pulse pulse) {
        return fileName(pulse.startedAt(), pulse.id());
    }

    static String fileName(Instant startedAt, UUID id) {
        return PREFIX + NAME_TIME.format(startedAt) + "_" + id.toString().substring(0, 8) + SUFFIX;
    }

    /** The name prefix of records started at {@code instant}'s second; every older record sorts before it. */
    static String namePrefix(Instant instant) {
        return PREFIX + NAME_TIME.format(instant);
    }

    /** When the record of {@code name} started, to the second, read from its name. */
    static Optional<Instant> startOf(String name) {
        try {
            return Optional.of(Instant.from(NAME_TIME.parse(name.substring(PREFIX.length(), PREFIX.length() + 16))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Names of all records, oldest first. Lists names only; reads no record. */
    public List<String> recordNames() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        }
        Collections.sort(names);
        return names;
    }

    /** Reads one record; {@link IllegalArgumentException} when it is not a record this version can read. */
    public Pulse read(String name) throws IOException {
        PulseRecord record;
        try {
            record = json.readerFor(PulseRecord.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(dir.resolve(name).toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON of a pulse record (" + e.getOriginalMessage() + ")");
        }
        if (record == null) {
            throw new IllegalArgumentException("empty file");
        }
        if (record.schemaVersion() > PulseRecord.SCHEMA_VERSION) {
            throw new IllegalArgumentException("written by a newer version (schema_version " + record.schemaVersion()
                    + ", this version reads up to " + PulseRecord.SCHEMA_VERSION + ")");
        }
        try {
            return record.toPulse();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? "malformed pulse record" : e.getMessage());
        }
    }

    /**
     * Reads one record, or says in one warning why it cannot (corrupt, foreign, newer schema, unreadable) and
     * answers empty: an unreadable file is skipped, never fatal. Callers count the skips.
     */
    public Optional<Pulse> readOrSkip(String name) {
        try {
            return Optional.of(read(name));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("Skipped %s in %s: %s", name, dir, e.getMessage());
            return Optional.empty();
        }
    }

    public void write(Pulse pulse) throws IOException {
        writeAtomically(fileName(pulse), json.writeValueAsBytes(PulseRecord.of(pulse)));
    }

    public Optional<LogIndex> readIndex() {
        try {
            LogIndex index = json.readerFor(LogIndex.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(dir.resolve(INDEX).toFile());
            return index != null && index.schemaVersion() == LogIndex.SCHEMA_VERSION ? Optional.of(index) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the index was written after the folder's last change: a record added or removed behind the index's
     * back (a crash between the two writes, a hand edit) changes the folder's modification time.
     */
    public boolean indexIsCurrent() {
        try {
            FileTime index = Files.getLastModifiedTime(dir.resolve(INDEX));
            FileTime folder = Files.getLastModifiedTime(dir);
            return index.compareTo(folder) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    public void writeIndex(LogIndex index) throws IOException {
        writeAtomically(INDEX, json.writeValueAsBytes(index));
        // stamp the index with the folder's time, so any later change to the folder makes it stale
        Files.setLastModifiedTime(dir.resolve(INDEX), Files.getLastModifiedTime(dir));
    }

    public void delete(String name) throws IOException {
        Files.deleteIfExists(dir.resolve(name));
    }

    /** Creates the folder if it is missing. */
    public void create() throws IOException {
        Files.createDirectories(dir);
    }

    /** Removes temporary files left by a write that a crash interrupted; returns how many. */
    public int removeTemporaries() throws IOException {
        Path partial = dir.resolve(PARTIAL);
        if (!Files.isDirectory(partial)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(partial)) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
                removed++;
            }
        }
        return removed;
    }

    private void writeAtomically(String name, byte[] content) throws IOException {
        Path partial = Files.createDirectories(dir.resolve(PARTIAL));
        Path target = dir.resolve(name);
        Path temporary = partial.resolve(name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException | RuntimeException ignored) {
                // the start-up sweep removes it
            }
            throw e;
        }
        syncFolder();
    }

    /** Makes the rename itself durable. */
    private void syncFolder() throws IOException {
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            // some file systems refuse to sync a directory; the rename is still atomic there
        }
    }
}
