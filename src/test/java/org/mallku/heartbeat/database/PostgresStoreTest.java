package org.mallku.heartbeat.database;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.log.LogFolder;
import org.mallku.heartbeat.log.Unwritten;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseLearned;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.pulse.PulseSkipped;
import org.mallku.heartbeat.pulse.PulseStore;
import org.mallku.heartbeat.pulse.PulseStore.Before;
import org.mallku.heartbeat.pulse.PulseSummary;
import org.mallku.heartbeat.pulse.Replicas.Claim;
import org.mallku.heartbeat.testing.Database;
import org.mallku.heartbeat.testing.Fifo;
import org.mallku.heartbeat.testing.Pulses;
import org.mallku.heartbeat.testing.TestConfig;
import org.mallku.heartbeat.testing.TestProfileConfig;
import org.mallku.heartbeat.util.Periodic;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The PostgreSQL store on the machine's PostgreSQL: what a pulse becomes in the database, a restore that agrees with
 * memory, the import, and the rules between replicas (flight lock, one claim per due time, catch-up once), with
 * further replicas as sessions of their own beside the application's.
 */
@QuarkusTest
@TestProfile(PostgresStoreTest.OnPostgres.class)
class PostgresStoreTest {

    static final String SCHEMA = Database.newSchema();
    static final String TOKEN = "db-test-token";

    public static class OnPostgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(Database.store(SCHEMA));
            config.put("heartbeat.api.token", TOKEN);
            config.put("heartbeat.api.manual-cooldown", "0s");
            config.put("heartbeat.check-in-duration", "1s");
            return TestProfileConfig.scoped(config);
        }
    }

    @Inject
    PulseMemory memory;
    @Inject
    PulseStore store;
    @Inject
    LogImport logImport;
    @Inject
    ObjectMapper json;
    @Inject
    Config config;
    @Inject
    HeartbeatConfig heartbeat;
    @Inject
    Instance<DataSource> dataSource;
    @Inject
    Event<PulseLearned> learned;

    @Test
    void aPulseIsARowWithItsRecordAndRestoresAsMemoryHoldsIt() throws Exception {
        UUID id = UUID.fromString(pulse().then().statusCode(202).extract().path("id"));
        Pulse kept = awaitKept(id);

        try (Connection c = Database.connect(SCHEMA);
                PreparedStatement s = c.prepareStatement("select reason, outcome, score, due_at, record->>'heartbeat_id',"
                        + " record->>'pulse_type' from pulses where id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "one row for the pulse");
                assertEquals("diagnostic", rs.getString(1));
                assertEquals(kept.outcome().label(), rs.getString(2));
                assertEquals(kept.score(), rs.getObject(3, Double.class));
                assertEquals(null, rs.getObject(4), "a manual pulse serves no due time");
                assertEquals(id.toString(), rs.getString(5), "the record is the file log's, with its fields");
                assertEquals("diagnostic", rs.getString(6));
            }
        }
        Pulse found = store.find(id).orElseThrow();
        assertEquals(kept.rounds().size(), found.rounds().size());
        assertEquals(kept.voices(), found.voices());
        given().get("/heartbeat/pulses/" + id).then().statusCode(200);

        PulseHistory restored = store.restore();
        assertEquals(memory.history().counts(), restored.counts());
        assertEquals(memory.history().recent(), restored.recent());
        assertEquals(id, restored.latest().id());
    }

    @Test
    void importCopiesAFolderOnceAndTheHistoryTakesItIn(@TempDir Path dir) throws Exception {
        LogFolder folder = new LogFolder(dir, json);
        Instant old = Instant.parse("2020-03-01T09:00:00Z");
        List<Pulse> pulses = List.of(Pulses.scored(old, 0.8), Pulses.failed(old.plus(Duration.ofHours(6))),
                Pulses.scored(old.plus(Duration.ofHours(12)), 0.3));
        for (Pulse p : pulses) {
            folder.write(p);
        }
        long before = memory.history().counts().total();

        assertEquals(new LogImport.Result(3, 0, 0, 1), logImport.copy(folder, System.out, LogImport.BATCH_BYTES));
        assertEquals(new LogImport.Result(0, 3, 0, 1), logImport.copy(folder, System.out, LogImport.BATCH_BYTES),
                "a second run adds nothing");

        memory.sync(); // older than the newest known: the history is read again, counters included
        assertEquals(before + 3, memory.history().counts().total());
        assertEquals(old, memory.history().counts().firstPulseAt());
        assertTrue(memory.history().recent().stream().anyMatch(p -> p.id().equals(pulses.get(1).id())));
        assertEquals(pulses.get(2).id(), store.find(pulses.get(2).id()).orElseThrow().id());
        assertEquals(List.of(pulses.get(1).id(), pulses.get(0).id()), store.page(Optional.of(new Before.Id(pulses.get(2).id())), 10)
                .stream().map(PulseSummary::id).toList(), "a page before a pulse, newest first");
        assertEquals(List.of(pulses.get(2).id()), store.page(Optional.of(new Before.At(old.plus(Duration.ofHours(13)))), 1)
                .stream().map(PulseSummary::id).toList());
    }

    /**
     * A record too large to be one (a sparse file: no disk) and a FIFO are named, with why, and skipped; the others
     * are imported; exit 1 as for any unreadable record. Transactions end by bytes as well as by count.
     */
    @Test
    void importNamesAndSkipsWhatIsNotARecordAndCommitsByBytes(@TempDir Path dir) throws Exception {
        LogFolder folder = new LogFolder(dir, json);
        // within retention, or the next pulse prunes them behind memory's back; after the other import's first pulse
        Instant old = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(9));
        List<Pulse> pulses = List.of(Pulses.scored(old, 0.8), Pulses.scored(old.plusSeconds(60), 0.6),
                Pulses.scored(old.plusSeconds(120), 0.95));
        for (Pulse p : pulses) {
            folder.write(p);
        }
        String day = LogFolder.fileName(pulses.get(0)).substring(0, "heartbeat_20210105T".length());
        String large = day + "090030Z_1a1a1a1a.json";
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve(large).toFile(), "rw")) {
            file.setLength(20L * 1024 * 1024);
        }
        String fifo = day + "090130Z_f1f0f1f0.json";
        Fifo.make(dir.resolve(fifo));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        int exit = Fifo.withoutHanging(() -> logImport.run(dir, out));

        String said = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit, said);
        assertEquals(List.of("import: skipped " + large + " in " + dir + ": 20 MiB, over the limit of 16 MiB",
                "import: skipped " + fifo + " in " + dir + ": a FIFO, not a regular file",
                "Imported 3 pulse(s) from " + dir + "; 0 were already in the database; 2 record(s) could not be read"),
                said.lines().toList());
        for (Pulse p : pulses) {
            assertEquals(p.id(), store.find(p.id()).orElseThrow().id());
        }

        Path again = Files.createDirectory(dir.resolve("again"));
        LogFolder small = new LogFolder(again, json);
        for (int i = 0; i < 3; i++) {
            small.write(Pulses.scored(old.minusSeconds(3600 + 60 * i), 0.7));
        }
        assertEquals(new LogImport.Result(3, 0, 0, 3), logImport.copy(small, out, 1), "one record per transaction");
        assertEquals(new LogImport.Result(0, 3, 0, 1), logImport.copy(small, out, LogImport.BATCH_BYTES));
        memory.restore(); // the history as the database holds it now, as the other tests expect of it
    }

    @Test
    void oneReplicaFliesAtATimeAndEachDueTimeRunsOnceAndIsCaughtUpOnce() throws Exception {
        PostgresReplicas a = new PostgresReplicas(config);
        PostgresReplicas b = new PostgresReplicas(config);
        try {
            assertFalse(a.lead(), "the application leads; another replica follows");
            Instant due = Instant.parse("2021-06-01T12:00:00Z");
            UUID first = UUID.randomUUID();
            assertEquals(Optional.empty(), a.depart(first, Optional.of(new Claim(due, false))));
            assertEquals(Optional.of(due), a.claimOf(first));
            assertEquals(Optional.of(PulseSkipped.Cause.OVERLAP), b.depart(UUID.randomUUID(), Optional.empty()),
                    "a pulse is in flight on replica a");
            pulse().then().statusCode(409); // from the application too, whichever replica is asked

            a.landed(first); // died before recording: its claim stays, without a pulse
            assertEquals(Optional.of(PulseSkipped.Cause.CLAIMED), b.depart(UUID.randomUUID(), Optional.of(new Claim(due, false))),
                    "the due time is claimed");
            UUID catchUp = UUID.randomUUID();
            assertEquals(Optional.empty(), b.depart(catchUp, Optional.of(new Claim(due, true))),
                    "a catch-up takes over a claim whose pulse was never recorded");
            b.landed(catchUp);
            assertEquals(Optional.of(PulseSkipped.Cause.CLAIMED), a.depart(UUID.randomUUID(), Optional.of(new Claim(due, true))),
                    "and only once");
            try (Connection c = Database.connect(SCHEMA);
                    PreparedStatement s = c.prepareStatement("select pulse_id, caught_up from pulse_claims where due_at = ?")) {
                s.setObject(1, PostgresPulseStore.time(due));
                try (ResultSet rs = s.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(catchUp, rs.getObject(1, UUID.class));
                    assertTrue(rs.getBoolean(2));
                }
            }
            awaitKept(UUID.fromString(pulse().then().statusCode(202).extract().path("id"))); // no flight left anywhere
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void aHeartbeatInAnotherSchemaOfTheDatabaseHasItsOwnLeader() throws Exception {
        String other = Database.newSchema();
        try (Connection c = Database.connect(SCHEMA); Statement s = c.createStatement()) {
            s.execute("create schema " + other);
        }
        PostgresReplicas elsewhere = new PostgresReplicas(new SmallRyeConfigBuilder().withDefaultValues(Map.of(
                "quarkus.datasource.jdbc.url", Database.url(other), "quarkus.datasource.username", Database.USER)).build());
        PostgresReplicas here = new PostgresReplicas(config);
        try {
            assertFalse(here.lead(), "the application leads in its schema");
            assertTrue(elsewhere.lead(), "advisory locks are the database's: the keys carry the schema");
        } finally {
            elsewhere.close();
            here.close();
            try (Connection c = Database.connect(SCHEMA); Statement s = c.createStatement()) {
                s.execute("drop schema " + other);
            }
        }
    }

    @Test
    void aReplicaStartedDuringABurstOfPulsesAgreesWithTheTable() throws Exception {
        // two replicas record pulses at once, while a third starts again and again
        PostgresReplicas otherReplica = new PostgresReplicas(config);
        PostgresPulseStore writer = replica(otherReplica, unwrittenIn(Path.of("target", "burst-unwritten")));
        Instant t0 = Instant.now().minus(Duration.ofDays(1)); // within the retention
        int burst = 150;
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            Future<?> here = writers.submit(() -> {
                for (int i = 0; i < burst; i++) {
                    memory.record(Pulses.scored(t0.plusSeconds(2L * i), 0.8));
                }
            });
            Future<?> there = writers.submit(() -> {
                for (int i = 0; i < burst; i++) {
                    writer.append(Pulses.scored(t0.plusSeconds(2L * i + 1), 0.6), PulseHistory.EMPTY);
                }
            });
            List<PulseMemory> started = new ArrayList<>();
            while (!here.isDone() || !there.isDone()) {
                PulseMemory replica = new PulseMemory(replica(otherReplica, unwrittenIn(Path.of("target", "burst-unwritten"))),
                        TestConfig.of(Map.of()), learned);
                replica.restore();
                started.add(replica);
            }
            here.get();
            there.get();
            assertTrue(started.size() > 1, "replicas started during the burst: " + started.size());
            long table = tableTotal();
            for (PulseMemory replica : started) {
                replica.sync(); // what it learns from others after its start
                assertEquals(table, replica.history().counts().total(), "a replica started during the burst agrees with the table");
            }
        } finally {
            writers.shutdownNow();
            otherReplica.close();
            memory.sync(); // the application too, before the next test reads it
        }
    }

    @Test
    void pulsesNotWrittenBeforeShutdownAreWrittenByTheNextStart(@TempDir Path dir) throws Exception {
        PostgresReplicas otherReplica = new PostgresReplicas(config);
        try {
            PostgresPulseStore stopping = replica(otherReplica, unwrittenIn(dir));
            Pulse pulse = Pulses.scored(Instant.now(), 0.7);
            try (Connection c = Database.connect(SCHEMA); Statement s = c.createStatement()) {
                s.execute("alter table pulses add constraint no_writes check (false) not valid"); // a database refusing writes
            }
            try {
                stopping.append(pulse, PulseHistory.EMPTY);
                assertFalse(stopping.health().writable());
                stopping.close();
                assertEquals(0, stopping.health().pending());
            } finally {
                try (Connection c = Database.connect(SCHEMA); Statement s = c.createStatement()) {
                    s.execute("alter table pulses drop constraint no_writes");
                }
            }
            long before = tableTotal();
            PulseHistory restored = replica(otherReplica, unwrittenIn(dir)).restore();
            assertEquals(before + 1, tableTotal(), "written at the next start");
            assertEquals(tableTotal(), restored.counts().total());
            assertEquals(pulse.id(), store.find(pulse.id()).orElseThrow().id());
            assertEquals(List.of(), new LogFolder(dir.resolve("unwritten"), json).recordNames(), "and no longer kept aside");
        } finally {
            otherReplica.close();
            memory.sync();
        }
    }

    /** Another replica's store on the application's database. */
    private PostgresPulseStore replica(PostgresReplicas replicas, Unwritten unwritten) {
        return new PostgresPulseStore(heartbeat, Clock.systemUTC(), json, dataSource, replicas, new Periodic(), unwritten);
    }

    private Unwritten unwrittenIn(Path logPath) {
        return new Unwritten(TestConfig.of(Map.of("heartbeat.log-path", logPath.toString())), json);
    }

    private static long tableTotal() throws Exception {
        try (Connection c = Database.connect(SCHEMA); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select total, (select count(*) from pulses) from pulse_counts")) {
            rs.next();
            assertEquals(rs.getLong(1), rs.getLong(2), "the counters agree with the rows (no retention here)");
            return rs.getLong(1);
        }
    }

    private static io.restassured.response.Response pulse() {
        return given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON)
                .body("{\"reason\": \"diagnostic\"}").post("/heartbeat/pulses");
    }

    private Pulse awaitKept(UUID id) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Optional<Pulse> latest = memory.history().last().filter(p -> p.id().equals(id));
            if (latest.isPresent() && store.health().pending() == 0) {
                return latest.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("pulse " + id + " was not kept within 30 s");
    }
}
