package org.mallku.heartbeat.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.testing.Database;
import org.mallku.heartbeat.testing.Isolated;

/**
 * Three replicas of the packaged app on one PostgreSQL database, pulsing every 2 s for a minute; the leader is
 * killed with SIGKILL twice, once in the middle of a pulse and once between pulses, and started again as a
 * Deployment would. Asserted: every pulse run is recorded and none twice, no due time twice, no gap longer than
 * the interval plus the failover bound, the due time claimed by the leader killed mid-pulse run again exactly once,
 * and every replica agreeing on the last pulse. The failover times are printed for the bench.
 */
class FailoverIT {

    static final Duration INTERVAL = Duration.ofSeconds(2);
    /** From a leader's death to the next pulse, beyond the interval: a tick to take the lead, a tick to pulse, slack. */
    static final Duration FAILOVER_BOUND = Duration.ofSeconds(4);
    static final Duration RUN = Duration.ofSeconds(60);
    private static final Pattern PULSE_LINE = Pattern.compile("Pulse ([0-9a-f]{8}) \\(");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String schema = Database.newSchema();
    private final Path dir = Isolated.logFolder("failover-it");
    private final List<Path> logs = new ArrayList<>();

    record Replica(int port, Process process) {
    }

    @Test
    void theHeartbeatGoesOnWhenItsLeaderIsKilled() throws Exception {
        Files.createDirectories(dir);
        List<Replica> replicas = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                replicas.add(start());
            }
            for (Replica r : replicas) {
                awaitReady(r);
            }
            Instant begin = Instant.now();

            sleepUntil(begin.plusSeconds(15));
            Replica leader = awaitLeader(replicas);
            awaitPulsing(leader);
            long killedPid = leader.process().pid();
            Instant killedInFlight = kill(leader, replicas);

            sleepUntil(begin.plusSeconds(35));
            leader = awaitLeader(replicas);
            awaitQuiet(leader);
            long killedQuietPid = leader.process().pid();
            Instant killedBetween = kill(leader, replicas);

            sleepUntil(begin.plus(RUN));
            for (Replica r : replicas) {
                awaitReady(r);
            }
            assertEquals(1, leaders(replicas), "one replica leads");
            String last = awaitAgreement(replicas);

            List<Row> rows = rows();
            // pulses go on meanwhile: the one they agree on is the newest row, or the one before a pulse just recorded
            assertTrue(rows.subList(rows.size() - 2, rows.size()).stream().anyMatch(r -> r.id().toString().equals(last)),
                    "the replicas agree on the newest row: " + last);
            assertRecordedOnce(rows);
            assertNoLongGap(rows, begin);
            Duration first = failover(rows, killedInFlight);
            Duration second = failover(rows, killedBetween);
            List<Instant> takenOver = assertServedOnce(rows, List.of(killedPid, killedQuietPid),
                    List.of(killedInFlight, killedBetween));
            System.out.printf("FailoverIT: %d pulses in %d s; kill (mid-pulse) to next pulse %d ms, kill (between pulses) to"
                    + " next pulse %d ms; longest gap %d ms; claims of killed leaders run again by the next: %s%n", rows.size(),
                    RUN.toSeconds(), first.toMillis(), second.toMillis(), longestGap(rows).toMillis(), takenOver);
        } finally {
            for (Replica r : replicas) {
                r.process().destroy();
            }
            for (Replica r : replicas) {
                r.process().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    record Row(java.util.UUID id, Instant dueAt, Instant startedAt, String reason) {
    }

    private List<Row> rows() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Connection c = Database.connect(schema); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id, due_at, started_at, reason from pulses order by started_at")) {
            while (rs.next()) {
                OffsetDateTime due = rs.getObject(2, OffsetDateTime.class);
                rows.add(new Row(rs.getObject(1, java.util.UUID.class), due == null ? null : due.toInstant(),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4)));
            }
        }
        assertTrue(rows.size() >= RUN.dividedBy(INTERVAL) / 2, "the heartbeat pulsed: " + rows.size() + " rows");
        return rows;
    }

    /** Every pulse a replica ran (its log line) is a row, no due time has two, no row without a due time. */
    private void assertRecordedOnce(List<Row> rows) throws IOException {
        Set<String> recorded = new HashSet<>();
        rows.forEach(r -> recorded.add(r.id().toString().substring(0, 8)));
        Set<String> ran = new HashSet<>();
        for (Path log : logs) {
            Matcher m = PULSE_LINE.matcher(Files.readString(log));
            while (m.find()) {
                assertTrue(ran.add(m.group(1)), "pulse " + m.group(1) + " ran once");
            }
        }
        assertTrue(recorded.containsAll(ran), "every pulse that ran was recorded: ran " + ran + ", recorded " + recorded);
        assertTrue(recorded.size() - ran.size() <= 2, "at most the two killed in the instant after recording went unlogged");
        assertEquals(rows.size(), rows.stream().map(Row::dueAt).distinct().count(), "no due time twice, none missing");
    }

    private void assertNoLongGap(List<Row> rows, Instant begin) {
        Duration gap = longestGap(rows.stream().filter(r -> r.startedAt().isAfter(begin)).toList());
        assertTrue(gap.compareTo(INTERVAL.plus(FAILOVER_BOUND)) <= 0, "longest gap between pulses " + gap.toMillis() + " ms");
    }

    private static Duration longestGap(List<Row> rows) {
        Duration longest = Duration.ZERO;
        for (int i = 1; i < rows.size(); i++) {
            Duration gap = Duration.between(rows.get(i - 1).startedAt(), rows.get(i).startedAt());
            longest = gap.compareTo(longest) > 0 ? gap : longest;
        }
        return longest;
    }

    /** From a kill to the first pulse that started after it. */
    private static Duration failover(List<Row> rows, Instant killed) {
        Instant next = rows.stream().map(Row::startedAt).filter(t -> t.isAfter(killed)).findFirst().orElseThrow();
        Duration took = Duration.between(killed, next);
        assertTrue(took.compareTo(INTERVAL.plus(FAILOVER_BOUND)) <= 0, "a pulse came " + took.toMillis() + " ms after a kill");
        return took;
    }

    /**
     * The last due time each killed leader claimed is served by exactly one row: its own, when the kill came after it
     * was recorded (or before its claim), or else a pulse of the next leader that took the claim over. Only such
     * claims are ever taken over, each once. Returns those taken over.
     */
    private List<Instant> assertServedOnce(List<Row> rows, List<Long> killedPids, List<Instant> kills) throws Exception {
        List<Instant> lastClaims = new ArrayList<>();
        List<Instant> takenOver = new ArrayList<>();
        try (Connection c = Database.connect(schema); Statement s = c.createStatement()) {
            for (long pid : killedPids) {
                try (ResultSet rs = s.executeQuery("select max(due_at) from pulse_claims where replica like '%/" + pid + "'")) {
                    rs.next();
                    OffsetDateTime due = rs.getObject(1, OffsetDateTime.class);
                    if (due != null) {
                        lastClaims.add(due.toInstant());
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("select due_at, claimed_at from pulse_claims where caught_up")) {
                while (rs.next()) {
                    takenOver.add(rs.getObject(1, OffsetDateTime.class).toInstant());
                    Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
                    assertTrue(kills.stream().anyMatch(k -> !at.isBefore(k) && at.isBefore(k.plus(INTERVAL).plus(FAILOVER_BOUND))),
                            "a claim is taken over only just after a leader was killed: " + at + ", kills " + kills);
                }
            }
        }
        for (Instant due : lastClaims) {
            List<Row> serving = rows.stream().filter(r -> due.equals(r.dueAt())).toList();
            assertEquals(1, serving.size(), "a killed leader's last due time " + due + " is served once: " + serving);
        }
        for (Instant due : takenOver) {
            assertEquals(1, rows.stream().filter(r -> due.equals(r.dueAt())).count(), "taken over and served once: " + due);
        }
        assertTrue(takenOver.size() <= killedPids.size(), "at most one claim taken over per kill: " + takenOver);
        return takenOver;
    }

    private Replica start() throws IOException {
        int port = Isolated.freePort();
        Path log = dir.resolve("replica-" + logs.size() + ".log");
        logs.add(log);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Map<String, String> config = new java.util.HashMap<>(Database.store(schema));
        config.putAll(Map.of("quarkus.http.port", String.valueOf(port),
                "heartbeat.voices.offline.enabled", "true",
                "heartbeat.daily-pulse.enabled", "false",
                "heartbeat.pulse-interval", INTERVAL.toSeconds() + "s",
                "heartbeat.check-in-duration", "1s",
                "quarkus.log.console.json.enabled", "false"));
        Isolated.config(dir.resolve("records"), config).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        return new Replica(port, new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    /** SIGKILL, then a new replica in its place (a Deployment's new pod); returns when it was killed. */
    private Instant kill(Replica leader, List<Replica> replicas) throws Exception {
        leader.process().destroyForcibly(); // SIGKILL: no shutdown hook, no unlock, no record
        Instant killed = Instant.now();
        assertTrue(leader.process().waitFor(10, TimeUnit.SECONDS));
        replicas.set(replicas.indexOf(leader), start());
        return killed;
    }

    private Replica awaitLeader(List<Replica> replicas) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            for (Replica r : replicas) {
                if (r.process().isAlive() && get(r, "/metrics").contains("\nmallku_heartbeat_leader 1.0")) {
                    return r;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no replica leads");
    }

    private int leaders(List<Replica> replicas) throws Exception {
        int leaders = 0;
        for (Replica r : replicas) {
            leaders += get(r, "/metrics").contains("\nmallku_heartbeat_leader 1.0") ? 1 : 0;
        }
        return leaders;
    }

    private void awaitPulsing(Replica r) throws Exception {
        await(r, "\"pulsing\":true", "a pulse in flight on the leader");
    }

    private void awaitQuiet(Replica r) throws Exception {
        await(r, "\"pulsing\":false", "the leader between pulses");
    }

    private void await(Replica r, String text, String what) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            if (get(r, "/heartbeat").contains(text)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("not seen: " + what);
    }

    /** Every replica names the same newest pulse (pulses go on: asked again until they do). */
    private String awaitAgreement(List<Replica> replicas) throws Exception {
        Pattern id = Pattern.compile("\"last_pulse\":\\{\"id\":\"([0-9a-f-]{36})\"");
        Set<String> seen = new HashSet<>();
        for (int attempt = 0; attempt < 50; attempt++) {
            seen.clear();
            for (Replica r : replicas) {
                Matcher m = id.matcher(get(r, "/heartbeat"));
                seen.add(m.find() ? m.group(1) : "none");
            }
            if (seen.size() == 1) {
                return seen.iterator().next();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the replicas disagree on the last pulse: " + seen);
    }

    private void awaitReady(Replica r) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            assertFalse(!r.process().isAlive(), "a replica ended: " + String.join("\n", tails()));
            try {
                HttpResponse<String> ready = http.send(request(r, "/health/ready"), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("a replica was not ready within 60 s");
    }

    private String get(Replica r, String path) throws Exception {
        try {
            return http.send(request(r, path), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException gone) {
            return "";
        }
    }

    private static HttpRequest request(Replica r, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port() + path)).timeout(Duration.ofSeconds(5)).build();
    }

    private List<String> tails() throws IOException {
        List<String> tails = new ArrayList<>();
        for (Path log : logs) {
            List<String> lines = Files.readAllLines(log);
            tails.add(log.getFileName() + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
        return tails;
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
