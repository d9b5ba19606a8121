package org.mallku.heartbeat.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.pulse.Pulse;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Pulses a store could not write before the process ended. At shutdown a store hands over what still waits; those
 * pulses are written as records (a small log folder of their own) to the first place that takes them,
 * {@code <log-path>/unwritten} or else a folder of the temp dir named after the log path, and the store reads them
 * back at the next start. So a full disk or a database outage at shutdown loses only what can be kept nowhere,
 * and that is named in one ERROR line and counted, never lost silently.
 */
@ApplicationScoped
public class Unwritten {

    private static final Logger LOG = Logger.getLogger(Unwritten.class);
    static final String FOLDER = "unwritten";

    private final List<LogFolder> places;
    private final AtomicLong kept = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    /** The files read back at start, removed once the store holds their pulses. */
    private final Map<LogFolder, List<String>> readBack = new LinkedHashMap<>();

    @Inject
    public Unwritten(HeartbeatConfig config, ObjectMapper json) {
        this(places(config.logPath().toAbsolutePath().normalize()), json);
    }

    /** Keeps pulses in the first of {@code places} that takes them. */
    Unwritten(List<Path> places, ObjectMapper json) {
        this.places = places.stream().map(place -> new LogFolder(place, json)).toList();
    }

    private static List<Path> places(Path log) {
        // the temp dir is shared by every process of the host: the name keeps one heartbeat's pulses from another's
        return List.of(log.resolve(FOLDER), Path.of(System.getProperty("java.io.tmpdir"),
                "mallku-heartbeat-" + FOLDER + "-" + Integer.toHexString(log.toString().hashCode())));
    }

    /** The pulses kept at an earlier shutdown, oldest first, each once; unreadable files are skipped with a warning. */
    public synchronized List<Pulse> readBack() {
        Map<UUID, Pulse> pulses = new LinkedHashMap<>();
        readBack.clear();
        for (LogFolder place : places) {
            try {
                List<String> names = place.recordNames();
                for (String name : names) {
                    place.readOrSkip(name).ifPresent(p -> pulses.putIfAbsent(p.id(), p));
                }
                if (!names.isEmpty()) {
                    readBack.put(place, names);
                }
            } catch (IOException e) {
                LOG.warnf("Pulses kept at the last shutdown in %s cannot be listed: %s", place.dir(), LogFolder.problem(e));
            }
        }
        if (!pulses.isEmpty()) {
            LOG.infof("%d pulse(s) not written before the last shutdown are read back: %s", pulses.size(), ids(pulses.values()));
        }
        return pulses.values().stream().sorted(Comparator.comparing(Pulse::startedAt)).toList();
    }

    /** The pulses read back are in the store now: their files go. */
    public synchronized void stored() {
        readBack.forEach((place, names) -> names.forEach(name -> {
            try {
                place.delete(name);
            } catch (IOException e) {
                LOG.warnf("%s in %s is stored but cannot be removed: %s", name, place.dir(), LogFolder.problem(e));
            }
        }));
        readBack.clear();
    }

    /**
     * Keeps {@code pulses}, which {@code store} could not write before shutdown, in the first place that takes all of
     * them, and says so in one ERROR line either way.
     */
    public synchronized void keep(List<Pulse> pulses, String store) {
        if (pulses.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (LogFolder place : places) {
            try {
                place.create();
                for (Pulse pulse : pulses) {
                    place.write(pulse);
                }
                kept.addAndGet(pulses.size());
                LOG.errorf("%d pulse(s) could not be written to %s before shutdown: %s; kept in %s, the next start"
                        + " writes them", pulses.size(), store, ids(pulses), place.dir());
                return;
            } catch (IOException | RuntimeException e) {
                problems.add(place.dir() + ": " + LogFolder.problem(e));
            }
        }
        lost.addAndGet(pulses.size());
        LOG.errorf("%d pulse(s) could not be written to %s before shutdown and are lost: %s (nowhere to keep them: %s)",
                pulses.size(), store, ids(pulses), String.join("; ", problems));
    }

    /** A pulse dropped while the store was not writable, the oldest beyond what may wait in memory. */
    public void dropped(Pulse pulse, String store, int waiting) {
        lost.incrementAndGet();
        LOG.errorf("Pulse %s dropped: %s has not been writable for %d pulses", pulse.id(), store, waiting);
    }

    /** Pulses kept elsewhere at shutdown since start. */
    public long kept() {
        return kept.get();
    }

    /** Pulses lost since start: dropped while waiting, or kept nowhere at shutdown. */
    public long lost() {
        return lost.get();
    }

    private static String ids(Iterable<Pulse> pulses) {
        List<String> ids = new ArrayList<>();
        pulses.forEach(p -> ids.add(p.id().toString()));
        return ids.stream().collect(Collectors.joining(", ", "[", "]"));
    }
}
