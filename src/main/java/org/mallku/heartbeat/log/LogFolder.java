package org.mallku.heartbeat.log;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.util.RegularFile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
    /**
     * The largest record read. The largest the service writes: at most 10 voices ({@code heartbeat.voices.max}) in
     * at most 4 rounds, each reply at most {@code ProviderChannel.MAX_REPLY_BYTES} (256 KiB, and its text is no longer
     * once written as JSON), so about 10 MiB with the prompts; 16 MiB leaves room and stops a file that is not a record
     * from filling the heap.
     */
    public static final long MAX_RECORD_BYTES = 16L * 1024 * 1024;
    /**
     * The largest index read. It holds counters and at most {@link PulseHistory#WINDOW} summaries: about 180 KiB for
     * 500 ordinary pulses, 1.1 MiB when each summary's key insight is a 2 KiB explanation (LogIndexSizeTest measures
     * both). Anything larger is not an index this version wrote, and is rebuilt instead of read.
     */
    public static final long MAX_INDEX_BYTES = 4L * 1024 * 1024;
    /**
     * The most JSON tokens read from a record or the index: a full index has about 13,000 (26 an entry), the largest
     * record a few thousand. Bytes alone do not bound the heap: 4 MiB of {@code {},} would be a million objects.
     */
    static final long MAX_TOKENS = 100_000;
    private static final JsonFactory BOUNDED = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxTokenCount(MAX_TOKENS).build())
            .build();
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private static final Logger LOG = Logger.getLogger(LogFolder.class);

    private final Path dir;
    private final ObjectMapper json;
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
    private volatile Listing listing;

    /** The record names as listed when the folder had modification time {@code modified}. */
    private record Listing(FileTime modified, List<String> names) {
    }

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

    /**
     * Names of all records, oldest first. Lists names only and reads no record; the listing is kept until the
     * folder changes (its modification time, or a write or removal of this log), so that requests for unknown
     * or old pulses cost a scan of names in memory, not a listing of the folder each.
     */
    public List<String> recordNames() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        FileTime modified = Files.getLastModifiedTime(dir);
        Listing cached = listing;
        if (cached != null && cached.modified().equals(modified)) {
            return cached.names();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        }
        Collections.sort(names);
        listing = new Listing(modified, Collections.unmodifiableList(names));
        return listing.names();
    }

    /** The name of the record of pulse {@code id}, from the listing. */
    public Optional<String> nameOf(UUID id) throws IOException {
        String suffix = "_" + id.toString().substring(0, 8) + SUFFIX;
        return recordNames().stream().filter(name -> name.endsWith(suffix)).findFirst();
    }

    /**
     * Reads one record; {@link IllegalArgumentException} when it is not a record this version can read. The
     * reason names the kind of problem only: the file may be anything, a key included, and is never quoted.
     */
    public Pulse read(String name) throws IOException {
        PulseRecord record;
        try (InputStream in = open(name, MAX_RECORD_BYTES); JsonParser parser = BOUNDED.createParser(in)) {
            record = json.readerFor(PulseRecord.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(parser);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(tooMany(e) ? tooMany() : "not valid JSON of a pulse record" + at(e));
        }
        if (record == null) {
            throw new IllegalArgumentException("empty file");
        }
        if (record.schemaVersion() > PulseRecord.SCHEMA_VERSION) {
            throw new IllegalArgumentException("written by a newer version (schema_version " + record.schemaVersion()
                    + ", this version reads up to " + PulseRecord.SCHEMA_VERSION + ")");
        }
        return record.toPulse();
    }

    /**
     * Opens a file of the folder for reading: a regular file of at most {@code limit} bytes. A symbolic link is
     * refused, never followed to where it points; a FIFO, socket or device is refused before it is opened (opening
     * a FIFO blocks until something writes to it).
     */
    private InputStream open(String name, long limit) throws IOException {
        Path file = dir.resolve(name);
        if (Files.isSymbolicLink(file)) {
            throw new IllegalArgumentException("a symbolic link, not followed");
        }
        Optional<String> problem = RegularFile.problem(file, limit, false);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        // NOFOLLOW_LINKS also refuses a link put in its place after the check
        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether reading stopped at {@link #MAX_TOKENS} (databind wraps the parser's exception). */
    private static boolean tooMany(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return true;
            }
        }
        return false;
    }

    private static String tooMany() {
        return "more than " + MAX_TOKENS + " JSON values and names, far more than this version writes";
    }

    private static String at(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        return where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    }

    /**
     * Reads one record, or answers empty when it cannot (corrupt, foreign, newer schema, unreadable, a link): an
     * unreadable file is skipped, never fatal, and said and counted once however often it is met.
     */
    public Optional<Pulse> readOrSkip(String name) {
        try {
            return Optional.of(read(name));
        } catch (IOException | IllegalArgumentException e) {
            if (unreadable.add(name)) {
                LOG.warnf("Skipped %s in %s: %s", name, dir, problem(e));
            }
            return Optional.empty();
        }
    }

    /** How many different files {@link #readOrSkip} could not read. */
    public int unreadable() {
        return unreadable.size();
    }

    public void write(Pulse pulse) throws IOException {
        writeAtomically(fileName(pulse), json.writeValueAsBytes(PulseRecord.of(pulse)));
    }

    /**
     * The index, when there is one this version can trust: every entry names a record of this folder and parses.
     * Anything else is said once and answered empty, so that the index is rebuilt from the records.
     */
    public Optional<LogIndex> readIndex() {
        if (!Files.exists(dir.resolve(INDEX), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (InputStream in = open(INDEX, MAX_INDEX_BYTES); JsonParser parser = BOUNDED.createParser(in)) {
            LogIndex index = json.readerFor(LogIndex.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(parser);
            if (index == null || index.schemaVersion() != LogIndex.SCHEMA_VERSION) {
                throw new IllegalArgumentException("not an index of schema_version " + LogIndex.SCHEMA_VERSION);
            }
            index.validate();
            return Optional.of(index);
        } catch (JsonProcessingException e) {
            String what = tooMany(e) ? "cannot be used (" + tooMany() + ")"
                    : "is not valid JSON" + at(e);
            LOG.warnf("The index %s in %s %s: rebuilding it from the records", INDEX, dir, what);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("The index %s in %s cannot be used (%s): rebuilding it from the records", INDEX, dir, problem(e));
        }
        return Optional.empty();
    }

    /** What went wrong with a file, in words that never quote its content. */
    public static String problem(Exception e) {
        if (tooMany(e)) {
            return tooMany();
        }
        if (e instanceof JsonProcessingException json) {
            return "not valid JSON" + at(json);
        }
        if (e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName();
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
        listing = null;
        Files.deleteIfExists(dir.resolve(name));
    }

    /** Creates the folder if it is missing. */
    public void create() throws IOException {
        Files.createDirectories(dir);
    }

    /**
     * Removes temporary files left by a write that a crash interrupted; returns how many. A {@value #PARTIAL}
     * that is not a real folder (a symbolic link could point anywhere) is refused, never emptied.
     */
    public int removeTemporaries() throws IOException {
        Path partial = partialFolder();
        if (!Files.exists(partial, LinkOption.NOFOLLOW_LINKS)) {
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

    /** The sub-folder of temporaries; {@link UnsafeFolderException} when something else holds its name. */
    private Path partialFolder() throws UnsafeFolderException {
        Path partial = dir.resolve(PARTIAL);
        if (Files.exists(partial, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(partial, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeFolderException(PARTIAL + " is " + (Files.isSymbolicLink(partial) ? "a symbolic link" : "a file")
                    + ", not a folder: remove it, the heartbeat makes its own");
        }
        return partial;
    }

    /** The folder holds something the heartbeat must not touch, and will not. */
    public static final class UnsafeFolderException extends IOException {
        UnsafeFolderException(String message) {
            super(message);
        }
    }

    private void writeAtomically(String name, byte[] content) throws IOException {
        Path partial = Files.createDirectories(partialFolder());
        Path target = dir.resolve(name);
        listing = null; // a file system with coarse times may not show the change in the folder's
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
