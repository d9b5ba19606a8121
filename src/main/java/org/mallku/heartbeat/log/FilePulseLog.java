package org.mallku.heartbeat.log;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Typed;

import org.jboss.logging.Logger;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.config.InvalidConfigurationException;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseStore;
import org.mallku.heartbeat.pulse.PulseSummary;
import org.mallku.heartbeat.pulse.StoreHealth;
import org.mallku.heartbeat.util.Periodic;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

/**
 * The pulse store on disk ({@code heartbeat.log-path}): one JSON record per pulse, written atomically, an index
 * so that start-up reads the index and the newest record only (its cost does not grow with the history),
 * retention, and a queue of pulses waiting while the folder cannot be written.
 */
@ApplicationScoped
@Typed(FilePulseLog.class) // the PulseStore is the one heartbeat.store names (Storage)
public class FilePulseLog implements PulseStore {

    private static final Logger LOG = Logger.getLogger(FilePulseLog.class);
    /** Pulses kept in memory while the folder cannot be written; beyond that the oldest are dropped. */
    static final int MAX_PENDING = 1_000;
    /** How often writing is tried again while the folder is not writable. */
    static final Duration RETRY_EVERY = Duration.ofSeconds(30);

    private final HeartbeatConfig config;
    private final Clock clock;
    private final LogFolder folder;
    private final Deque<Pulse> pending = new ArrayDeque<>();
    private final Periodic periodic;
    private final Unwritten unwritten;
    /** The history as of the newest pulse handed in: what the index describes. */
    private PulseHistory history = PulseHistory.EMPTY;
    private volatile StoreHealth health = StoreHealth.NOT_RESTORED;

    public FilePulseLog(HeartbeatConfig config, Clock clock, ObjectMapper json, Periodic periodic, Unwritten unwritten) {
        this.config = config;
        this.periodic = periodic;
        this.unwritten = unwritten;
        this.clock = clock;
        this.folder = new LogFolder(config.logPath(), json);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.mode() == HeartbeatConfig.Mode.SERVICE && config.store() == HeartbeatConfig.Store.FILE) {
            periodic.every("heartbeat-log-retry", RETRY_EVERY, this::retryPending);
        }
    }

    /**
     * Reads the index (rebuilding it if missing or stale) and the newest record, then writes the pulses that the last
     * run could not write before it stopped.
     */
    @Override
    public synchronized PulseHistory restore() {
        try {
            folder.create();
            int removed = folder.removeTemporaries();
            if (removed > 0) {
                LOG.warnf("Removed %d unfinished record(s) left by an interrupted write in %s", removed, folder.dir());
            }
        } catch (LogFolder.UnsafeFolderException e) {
            throw new InvalidConfigurationException(List.of("heartbeat.log-path=" + config.logPath() + ": " + e.getMessage()));
        } catch (IOException e) {
            LOG.warnf("Pulse log folder %s is not usable: %s", folder.dir(), describe(e));
        }
        Restore restore = new Restore(folder, clock.instant());
        history = restore.history();
        health = new StoreHealth(true, true, null, 0, restore.index().files(), restore.skipped(), 0);
        if (restore.rebuilt()) {
            persistIndex();
        }
        readBack();
        LOG.infof("Pulse log %s: %d pulse(s) kept, last %s", folder.dir(), health.records(),
                history.latest() == null ? "never" : history.latest().startedAt());
        return history;
    }

    /** The pulses kept elsewhere at the last shutdown become the newest of the history, and are written now. */
    private void readBack() {
        for (Pulse pulse : unwritten.readBack()) {
            if (history.recent().stream().noneMatch(p -> p.id().equals(pulse.id()))) {
                history = history.plus(pulse);
                pending.addLast(pulse);
            }
        }
        if (pending.isEmpty()) {
            unwritten.stored(); // all of them were written before (a stop between writing and tidying up)
        } else {
            flush();
        }
    }

    @Override
    public synchronized void append(Pulse pulse, PulseHistory history) {
        this.history = history;
        pending.addLast(pulse);
        while (pending.size() > MAX_PENDING) {
            unwritten.dropped(pending.removeFirst(), name(), MAX_PENDING);
        }
        flush();
    }

    /** At shutdown: one more try, then what still waits is kept elsewhere for the next start (or said lost). */
    @Override
    public synchronized void close() {
        if (pending.isEmpty()) {
            return;
        }
        flush();
        unwritten.keep(List.copyOf(pending), name());
        pending.clear();
        update(health.records(), 0, health.writable(), health.reason());
    }

    private String name() {
        return "the pulse log " + folder.dir();
    }

    /** While the folder is not writable, tries again now and then, so that readiness recovers on its own. */
    synchronized void retryPending() {
        if (!health.writable()) {
            flush();
        }
    }

    /** Writes the pending records, prunes, then the index; stops at the first failure and says so once. */
    private void flush() {
        long files = health.records();
        try {
            while (!pending.isEmpty()) {
                folder.write(pending.peekFirst());
                pending.removeFirst();
                files++;
            }
            files = prune(files);
            update(files, 0, true, null);
            folder.writeIndex(index());
            unwritten.stored();
        } catch (IOException | RuntimeException e) {
            update(files, 1, false, reason(e));
        }
    }

    /**
     * Applies retention and max-files, oldest first, never the newest record. Lists the folder only when
     * something may be due; returns how many records the folder holds afterwards.
     */
    private long prune(long files) throws IOException {
        Instant cutoff = clock.instant().minus(config.log().retention());
        Instant oldest = history.counts().firstPulseAt();
        if (files <= config.log().maxFiles() && (oldest == null || !oldest.isBefore(cutoff))) {
            return files;
        }
        List<String> names = folder.recordNames();
        int kept = names.size();
        for (int i = 0; i < names.size() - 1; i++) {
            boolean tooMany = kept > config.log().maxFiles();
            boolean tooOld = LogFolder.startOf(names.get(i)).map(t -> t.isBefore(cutoff)).orElse(false);
            if (!tooMany && !tooOld) {
                break;
            }
            folder.delete(names.get(i));
            kept--;
        }
        return kept;
    }

    private void update(long files, long failures, boolean writable, String reason) {
        StoreHealth h = health;
        if (h.writable() != writable) {
            if (writable) {
                LOG.infof("Pulse log folder %s is writable again; pending pulses written", folder.dir());
            } else {
                LOG.errorf("Pulse log folder %s cannot be written (%s); pulses stay in memory until it can", folder.dir(),
                        reason);
            }
        }
        health = new StoreHealth(true, writable, reason, pending.size(), files, h.skippedRecords(),
                h.writeFailures() + failures);
    }

    private void persistIndex() {
        try {
            folder.writeIndex(index());
        } catch (IOException | RuntimeException e) {
            update(health.records(), 0, false, reason(e));
        }
    }

    private LogIndex index() {
        PulseHistory.Counts counts = history.counts();
        return new LogIndex(LogIndex.SCHEMA_VERSION, counts.total(), counts.alerts(), counts.celebrations(),
                counts.failed(), health.records(),
                counts.firstPulseAt() == null ? null : PulseRecord.format(counts.firstPulseAt()),
                history.recent().stream().map(LogIndex.Entry::of).toList());
    }

    static String describe(Exception e) {
        String what = e.getClass().getSimpleName();
        return e.getMessage() == null ? what : what + ": " + e.getMessage();
    }

    /**
     * Why the folder cannot be written, for the unauthenticated health and state answers: files named as under
     * {@code heartbeat.log-path} as configured (relative as given), never an absolute path of the host.
     */
    private String reason(Exception e) {
        String what = e.getClass().getSimpleName();
        if (e instanceof FileSystemException fs) {
            String file = fs.getFile() == null ? "" : " on " + shown(Path.of(fs.getFile()));
            return what + file + (fs.getReason() == null ? "" : ": " + fs.getReason());
        }
        return e instanceof LogFolder.UnsafeFolderException ? what + ": " + e.getMessage() : what;
    }

    private String shown(Path file) {
        Path dir = folder.dir().toAbsolutePath().normalize();
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(dir) ? config.logPath().resolve(dir.relativize(absolute)).toString()
                : String.valueOf(file.getFileName());
    }

    @Override
    public StoreHealth health() {
        return health;
    }

    @Override
    public Optional<Pulse> find(UUID id) {
        try {
            Optional<Pulse> pulse = folder.nameOf(id).flatMap(this::readQuietly).filter(p -> p.id().equals(id));
            if (pulse.isPresent()) {
                return pulse;
            }
        } catch (IOException e) {
            LOG.warnf("Cannot list %s: %s", folder.dir(), describe(e));
        }
        synchronized (this) {
            return pending.stream().filter(p -> p.id().equals(id)).findFirst();
        }
    }

    @Override
    public List<PulseSummary> page(Optional<Before> before, int limit) {
        try {
            List<String> names = folder.recordNames();
            int end = names.size();
            if (before.isPresent()) {
                String bound = before.get() instanceof Before.Id id ? folder.nameOf(id.id()).orElse(null)
                        : LogFolder.namePrefix(((Before.At) before.get()).instant());
                if (bound == null) {
                    return List.of();
                }
                int at = Collections.binarySearch(names, bound);
                end = at >= 0 ? at : -at - 1;
            }
            List<PulseSummary> page = new ArrayList<>();
            for (int i = end - 1; i >= 0 && page.size() < limit; i--) {
                readQuietly(names.get(i)).map(PulseSummary::of).ifPresent(page::add);
            }
            return page;
        } catch (IOException e) {
            LOG.warnf("Cannot list %s: %s", folder.dir(), describe(e));
            return List.of();
        }
    }

    /** Reads a record; a file that cannot be read is skipped and counted once, never thrown. */
    private Optional<Pulse> readQuietly(String name) {
        Optional<Pulse> pulse = folder.readOrSkip(name);
        if (pulse.isEmpty()) {
            synchronized (this) {
                StoreHealth h = health;
                health = new StoreHealth(h.restored(), h.writable(), h.reason(), h.pending(), h.records(),
                        folder.unreadable(), h.writeFailures());
            }
        }
        return pulse;
    }
}
