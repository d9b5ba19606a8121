package org.mallku.heartbeat.log;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;
import org.mallku.heartbeat.Periodic;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.config.InvalidConfigurationException;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseSummary;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

/**
 * The pulse log on disk ({@code heartbeat.log-path}), with the state every reader needs held in memory as one
 * immutable snapshot: readers never lock and never touch the disk. Start-up reads the index and the newest
 * record only, so its cost does not grow with the history. A folder that cannot be written keeps pulses in
 * memory until it can.
 */
@ApplicationScoped
public class FilePulseLog implements PulseLog {

    private static final Logger LOG = Logger.getLogger(FilePulseLog.class);
    /** Pulses kept in memory while the folder cannot be written; beyond that the oldest are dropped. */
    static final int MAX_PENDING = 1_000;
    /** How often writing is tried again while the folder is not writable. */
    static final Duration RETRY_EVERY = Duration.ofSeconds(30);

    /** Everything readers see, replaced whole on each change. */
    private record Snapshot(Pulse latest, List<PulseSummary> recent, LogStats stats, LogHealth health) {
    }

    private final HeartbeatConfig config;
    private final Clock clock;
    private final LogFolder folder;
    private final Deque<Pulse> pending = new ArrayDeque<>();
    private final Periodic periodic;
    private volatile Snapshot snapshot;

    public FilePulseLog(HeartbeatConfig config, Clock clock, ObjectMapper json, Periodic periodic) {
        this.config = config;
        this.periodic = periodic;
        this.clock = clock;
        this.folder = new LogFolder(config.logPath(), json);
        this.snapshot = new Snapshot(null, List.of(), LogStats.EMPTY, new LogHealth(false, true, null, 0));
    }

    /** Restores before anything else reads the log (the rhythm's catch-up decision, ceremony choice). */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 10) StartupEvent event) {
        if (config.mode() != HeartbeatConfig.Mode.STATUS) {
            restore();
        }
        if (config.mode() == HeartbeatConfig.Mode.SERVICE) {
            periodic.every("heartbeat-log-retry", RETRY_EVERY, this::retryPending);
        }
    }

    /** Reads the index (rebuilding it if missing or stale) and the newest record. */
    synchronized void restore() {
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
        LogIndex index = restore.index();
        Pulse latest = restore.latest(index);
        LogStats stats = new LogStats(index.total(), index.alerts(), index.celebrations(), index.failed(), index.files(),
                index.firstPulse(), restore.skipped(), 0);
        snapshot = new Snapshot(latest, restore.recent(index), stats, new LogHealth(true, true, null, 0));
        if (restore.rebuilt()) {
            persistIndex();
        }
        LOG.infof("Pulse log %s: %d pulse(s) kept, last %s", folder.dir(), index.files(),
                latest == null ? "never" : latest.startedAt());
    }

    @Override
    public synchronized void append(Pulse pulse) {
        Snapshot s = snapshot;
        List<PulseSummary> recent = Stream.concat(Stream.of(PulseSummary.of(pulse)), s.recent().stream())
                .limit(WINDOW).toList();
        LogStats st = s.stats();
        LogStats stats = new LogStats(st.total() + 1, st.alerts() + (pulse.alert() ? 1 : 0),
                st.celebrations() + (pulse.celebration() ? 1 : 0), st.failed() + (pulse.failed() ? 1 : 0), st.files(),
                st.firstPulseAt() == null ? pulse.startedAt() : st.firstPulseAt(), st.skippedRecords(), st.writeFailures());
        snapshot = new Snapshot(pulse, recent, stats, s.health());
        pending.addLast(pulse);
        while (pending.size() > MAX_PENDING) {
            Pulse lost = pending.removeFirst();
            LOG.errorf("Pulse %s dropped: the log folder %s has not been writable for %d pulses", lost.id(), folder.dir(),
                    MAX_PENDING);
        }
        flush();
    }

    /** While the folder is not writable, tries again now and then, so that readiness recovers on its own. */
    synchronized void retryPending() {
        if (!snapshot.health().writable()) {
            flush();
        }
    }

    /** Writes the pending records, prunes, then the index; stops at the first failure and says so once. */
    private void flush() {
        long files = snapshot.stats().files();
        try {
            while (!pending.isEmpty()) {
                folder.write(pending.peekFirst());
                pending.removeFirst();
                files++;
            }
            files = prune(files);
            update(files, 0, true, null);
            folder.writeIndex(index());
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
        Instant oldest = snapshot.stats().firstPulseAt();
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
        Snapshot s = snapshot;
        LogStats st = s.stats();
        LogStats stats = new LogStats(st.total(), st.alerts(), st.celebrations(), st.failed(), files,
                st.firstPulseAt(), st.skippedRecords(), st.writeFailures() + failures);
        LogHealth health = new LogHealth(true, writable, reason, pending.size());
        if (s.health().writable() != writable) {
            if (writable) {
                LOG.infof("Pulse log folder %s is writable again; pending pulses written", folder.dir());
            } else {
                LOG.errorf("Pulse log folder %s cannot be written (%s); pulses stay in memory until it can", folder.dir(),
                        reason);
            }
        }
        snapshot = new Snapshot(s.latest(), s.recent(), stats, health);
    }

    private void persistIndex() {
        try {
            folder.writeIndex(index());
        } catch (IOException | RuntimeException e) {
            update(snapshot.stats().files(), 0, false, reason(e));
        }
    }

    private LogIndex index() {
        LogStats st = snapshot.stats();
        return new LogIndex(LogIndex.SCHEMA_VERSION, st.total(), st.alerts(), st.celebrations(), st.failed(), st.files(),
                st.firstPulseAt() == null ? null : PulseRecord.format(st.firstPulseAt()),
                snapshot.recent().stream().map(LogIndex.Entry::of).toList());
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
    public Optional<Pulse> latest() {
        return Optional.ofNullable(snapshot.latest());
    }

    @Override
    public List<PulseSummary> recent(int limit) {
        List<PulseSummary> recent = snapshot.recent();
        return recent.subList(0, Math.min(Math.max(limit, 0), recent.size()));
    }

    @Override
    public LogStats stats() {
        return snapshot.stats();
    }

    @Override
    public LogHealth health() {
        return snapshot.health();
    }

    @Override
    public Optional<Pulse> find(UUID id) {
        Pulse latest = snapshot.latest();
        if (latest != null && latest.id().equals(id)) {
            return Optional.of(latest);
        }
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
        Snapshot s = snapshot;
        List<PulseSummary> window = s.recent();
        int from = before.map(b -> firstAfter(window, b)).orElse(0);
        boolean windowHoldsAll = s.stats().files() + s.health().pending() <= window.size();
        if (from >= 0 && (from + limit <= window.size() || windowHoldsAll)) {
            return window.subList(Math.min(from, window.size()), Math.min(from + limit, window.size()));
        }
        return pageFromDisk(before, limit);
    }

    /** Index in {@code window} of the first pulse older than {@code before}; -1 when the window cannot tell. */
    private static int firstAfter(List<PulseSummary> window, Before before) {
        for (int i = 0; i < window.size(); i++) {
            PulseSummary p = window.get(i);
            if (before instanceof Before.Id id && p.id().equals(id.id())) {
                return i + 1;
            }
            if (before instanceof Before.At at && p.startedAt().isBefore(at.instant())) {
                return i;
            }
        }
        return -1;
    }

    private List<PulseSummary> pageFromDisk(Optional<Before> before, int limit) {
        try {
            List<String> names = folder.recordNames();
            int end = names.size();
            if (before.isPresent()) {
                String bound = before.get() instanceof Before.Id id ? folder.nameOf(id.id()).orElse(null)
                        : LogFolder.namePrefix(((Before.At) before.get()).instant());
                if (bound == null) {
                    return List.of();
                }
                int at = java.util.Collections.binarySearch(names, bound);
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
                Snapshot s = snapshot;
                LogStats st = s.stats();
                snapshot = new Snapshot(s.latest(), s.recent(), new LogStats(st.total(), st.alerts(), st.celebrations(),
                        st.failed(), st.files(), st.firstPulseAt(), folder.unreadable(), st.writeFailures()), s.health());
            }
        }
        return pulse;
    }
}
