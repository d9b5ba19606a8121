package org.mallku.heartbeat.log;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseSummary;

/**
 * Reads the state of a log folder without writing to it: the index when it is current; the index brought up
 * to date from the records newer than it when it is stale; all records when there is no index. Used by the
 * service at start-up and by the status command.
 */
final class Restore {

    private static final Logger LOG = Logger.getLogger(Restore.class);

    /** How far ahead of this host's clock a record may be dated and still count: clocks of hosts differ a little. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final LogFolder folder;
    private final Instant now;
    private boolean rebuilt;
    private LogIndex index;

    Restore(LogFolder folder, Instant now) {
        this.folder = folder;
        this.now = now;
    }

    /** Files that could not be read on the way. */
    long skipped() {
        return folder.unreadable();
    }

    /** Whether the index had to be brought up to date or rebuilt (and so should be written again). */
    boolean rebuilt() {
        return rebuilt;
    }

    LogIndex index() {
        if (index == null) {
            index = readIndex();
        }
        return index;
    }

    /** The history the folder holds: counters from the index, the recent window, the newest readable record. */
    PulseHistory history() {
        LogIndex index = index();
        return new PulseHistory(latest(index), recent(index), new PulseHistory.Counts(index.total(), index.alerts(),
                index.celebrations(), index.failed(), index.firstPulse()));
    }

    /**
     * The newest pulses, newest first, less those dated in the future: a record written by a host whose clock ran
     * ahead (or a forged one dated 2099) is kept on disk and in the history, but would otherwise be the last pulse
     * for years, and freshness, catch-up, dedupe and cooldown would all believe it.
     */
    private List<PulseSummary> recent(LogIndex index) {
        List<PulseSummary> recent = new ArrayList<>();
        for (PulseSummary summary : index.summaries()) {
            if (ahead(summary.startedAt())) {
                LOG.warnf("Pulse %s in %s is dated %s, ahead of this host's clock (%s): kept, but not counted as a"
                        + " recent pulse", summary.id(), folder.dir(), summary.startedAt(), now);
            } else {
                recent.add(summary);
            }
        }
        return recent;
    }

    /** Whether a pulse that started at {@code startedAt} is dated ahead of this host's clock. */
    private boolean ahead(Instant startedAt) {
        return startedAt.isAfter(now.plus(CLOCK_SKEW));
    }

    /** The newest record that can still be read, of those {@link #recent} counts. */
    private Pulse latest(LogIndex index) {
        for (LogIndex.Entry entry : index.recent()) {
            if (ahead(PulseRecord.parse(entry.startedAt()))) {
                continue;
            }
            Optional<Pulse> pulse = read(entry.file());
            if (pulse.isPresent()) {
                return pulse.get();
            }
        }
        return null;
    }

    private LogIndex readIndex() {
        Optional<LogIndex> stored = folder.readIndex();
        boolean current = stored.isPresent() && folder.indexIsCurrent();
        List<String> names;
        try {
            names = folder.recordNames();
        } catch (IOException e) {
            LOG.warnf("Cannot list %s: %s", folder.dir(), FilePulseLog.describe(e));
            rebuilt = !current;
            return stored.orElse(LogIndex.EMPTY);
        }
        if (current) {
            Optional<String> contradiction = contradiction(stored.get(), names);
            if (contradiction.isEmpty()) {
                return stored.get();
            }
            // counters that do not match the folder cannot be corrected, only counted again
            LOG.warnf("The index %s in %s cannot be used (%s): rebuilding it from the records", LogFolder.INDEX,
                    folder.dir(), contradiction.get());
            rebuilt = true;
            return catchUp(LogIndex.EMPTY, names);
        }
        rebuilt = true;
        if (stored.isPresent()) {
            return catchUp(stored.get(), names);
        }
        if (!names.isEmpty()) {
            LOG.infof("No index in %s: rebuilding it from %d record(s)", folder.dir(), names.size());
        }
        return catchUp(LogIndex.EMPTY, names);
    }

    /**
     * What the folder shows that a current index denies: another number of records, an entry without its record,
     * or a readable record newer than its newest entry and not in it (an honest index leaves out only the records it
     * could not read, and those dated ahead of the clock). Lists names, and reads only records newer than the index.
     */
    private Optional<String> contradiction(LogIndex index, List<String> names) {
        if (index.files() != names.size()) {
            return Optional.of("it counts " + index.files() + " record(s), the folder holds " + names.size());
        }
        Set<String> listed = new HashSet<>(index.recent().stream().map(LogIndex.Entry::file).toList());
        for (String file : listed) {
            if (Collections.binarySearch(names, file) < 0) {
                return Optional.of("an entry of recent names a record that is not in the folder");
            }
        }
        String newest = index.recent().isEmpty() ? "" : index.recent().get(0).file();
        for (int i = names.size() - 1; i >= 0 && names.get(i).compareTo(newest) > 0; i--) {
            String name = names.get(i);
            boolean dated = LogFolder.startOf(name).map(this::ahead).orElse(false);
            if (!listed.contains(name) && !dated && read(name).isPresent()) {
                return Optional.of("it leaves out " + name + ", newer than its newest pulse");
            }
        }
        return Optional.empty();
    }

    /**
     * {@code index} plus the records newer than its newest, less the entries whose files are gone. Reads the
     * newer records one at a time, so a rebuild of a large history holds no more than the window in memory.
     */
    private LogIndex catchUp(LogIndex index, List<String> names) {
        Set<String> present = new HashSet<>(names);
        String newest = index.recent().isEmpty() ? "" : index.recent().get(0).file();
        long total = index.total();
        long alerts = index.alerts();
        long celebrations = index.celebrations();
        long failed = index.failed();
        String first = index.firstPulseAt();
        Deque<LogIndex.Entry> newer = new ArrayDeque<>();
        for (String name : names) {
            if (name.compareTo(newest) <= 0) {
                continue;
            }
            Optional<Pulse> read = read(name);
            if (read.isEmpty()) {
                continue;
            }
            Pulse pulse = read.get();
            total++;
            alerts += pulse.alert() ? 1 : 0;
            celebrations += pulse.celebration() ? 1 : 0;
            failed += pulse.failed() ? 1 : 0;
            first = first != null ? first : PulseRecord.format(pulse.startedAt());
            newer.addFirst(LogIndex.Entry.of(PulseSummary.of(pulse)));
            if (newer.size() > PulseHistory.WINDOW) {
                newer.removeLast();
            }
        }
        List<LogIndex.Entry> recent = Stream.concat(newer.stream(),
                index.recent().stream().filter(e -> present.contains(e.file())))
                .limit(PulseHistory.WINDOW)
                .toList();
        return new LogIndex(LogIndex.SCHEMA_VERSION, total, alerts, celebrations, failed, names.size(), first, recent);
    }

    private Optional<Pulse> read(String name) {
        return folder.readOrSkip(name);
    }
}
