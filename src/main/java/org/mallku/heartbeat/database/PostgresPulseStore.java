package org.mallku.heartbeat.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;

import org.jboss.logging.Logger;
import org.mallku.heartbeat.circle.Ceremony;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.log.PulseRecord;
import org.mallku.heartbeat.log.Unwritten;
import org.mallku.heartbeat.pulse.FailureReason;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseOutcome;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.pulse.PulseStore;
import org.mallku.heartbeat.pulse.PulseSummary;
import org.mallku.heartbeat.pulse.StoreHealth;
import org.mallku.heartbeat.util.Periodic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

/**
 * The pulse store on PostgreSQL ({@code heartbeat.store=postgresql}, schema by Flyway): each pulse a row with its
 * whole record as JSON (the file log's record) and the columns that restore, pages and replicas read. Shared by
 * several replicas: each reads the rows the others add ({@link #news()}). While the database cannot be written,
 * pulses wait in memory as they do for the file log.
 */
@ApplicationScoped
@Typed(PostgresPulseStore.class) // chosen by heartbeat.store (Storage)
public class PostgresPulseStore implements PulseStore {

    private static final Logger LOG = Logger.getLogger(PostgresPulseStore.class);
    /** Pulses kept in memory while the database cannot be written; beyond that the oldest are dropped. */
    static final int MAX_PENDING = 1_000;
    static final Duration RETRY_EVERY = Duration.ofSeconds(5);
    private static final String NAME = "PostgreSQL";
    /** The columns {@link #bindPulse} fills, in its order. */
    static final String COLUMNS = "id, due_at, started_at, completed_at, reason, ceremony, score, outcome, voices_present,"
            + " emergence, key_insight, failure_reason, record";
    private static final String SUMMARY = "id, reason, started_at, completed_at, ceremony, score, outcome, voices_present,"
            + " emergence, key_insight, failure_reason";

    private final HeartbeatConfig config;
    private final Clock clock;
    private final ObjectMapper json;
    private final Instance<DataSource> dataSource;
    private final PostgresReplicas replicas;
    private final Periodic periodic;
    private final Unwritten unwritten;
    private final Deque<Waiting> pending = new ArrayDeque<>();
    /** The newest row this replica has seen: {@link #news()} reads those after it. */
    private long seen;
    private volatile StoreHealth health = StoreHealth.NOT_RESTORED;

    /** A pulse to write, and the due time it claimed. */
    private record Waiting(Pulse pulse, Optional<Instant> due) {
    }

    public PostgresPulseStore(HeartbeatConfig config, Clock clock, ObjectMapper json, Instance<DataSource> dataSource,
            PostgresReplicas replicas, Periodic periodic, Unwritten unwritten) {
        this.config = config;
        this.clock = clock;
        this.json = json;
        this.dataSource = dataSource;
        this.replicas = replicas;
        this.periodic = periodic;
        this.unwritten = unwritten;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.store() == HeartbeatConfig.Store.POSTGRESQL && config.mode() == HeartbeatConfig.Mode.SERVICE) {
            periodic.every("heartbeat-store-retry", RETRY_EVERY, this::retryPending);
        }
    }

    /**
     * Writes the pulses that the last run could not write before it stopped, then reads the counters, the newest
     * {@value PulseHistory#WINDOW} pulses' columns and the newest whole record: three indexed reads, whatever the size
     * of the history, in one snapshot, so that what it restores agrees with the counters while other replicas write.
     * The service cannot start without it.
     */
    @Override
    public synchronized PulseHistory restore() {
        readBack();
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set transaction isolation level repeatable read, read only");
            }
            PulseHistory.Counts counts;
            try (PreparedStatement s = c.prepareStatement(
                    "select total, alerts, celebrations, failed, first_pulse_at from pulse_counts");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                counts = new PulseHistory.Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), instant(rs, 5));
            }
            List<PulseSummary> recent = query(c, "select " + SUMMARY + " from pulses order by started_at desc, seq desc limit ?",
                    s -> s.setInt(1, PulseHistory.WINDOW));
            Pulse latest = recent.isEmpty() ? null : find(c, recent.get(0).id()).orElse(null);
            long records;
            try (PreparedStatement s = c.prepareStatement("select count(*), coalesce(max(seq), 0) from pulses");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                records = rs.getLong(1);
                seen = rs.getLong(2);
            }
            c.commit();
            health = new StoreHealth(true, true, null, pending.size(), records, 0, health.writeFailures());
            LOG.infof("Pulse store PostgreSQL: %d pulse(s) kept, last %s", records,
                    latest == null ? "never" : latest.startedAt());
            return new PulseHistory(latest, recent, counts);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the pulse history cannot be read from PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * The pulses kept elsewhere at the last shutdown are written first (without a claim: the claim ended with the
     * process that made it).
     */
    private void readBack() {
        for (Pulse pulse : unwritten.readBack()) {
            if (pending.stream().noneMatch(w -> w.pulse().id().equals(pulse.id()))) {
                pending.addLast(new Waiting(pulse, Optional.empty()));
            }
        }
        if (!pending.isEmpty()) {
            flush();
        }
    }

    @Override
    public synchronized void append(Pulse pulse, PulseHistory history) {
        pending.addLast(new Waiting(pulse, replicas.claimOf(pulse.id())));
        while (pending.size() > MAX_PENDING) {
            unwritten.dropped(pending.removeFirst().pulse(), NAME, MAX_PENDING);
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
        unwritten.keep(pending.stream().map(Waiting::pulse).toList(), NAME);
        pending.clear();
        StoreHealth h = health;
        health = new StoreHealth(h.restored(), h.writable(), h.reason(), 0, h.records(), h.skippedRecords(), h.writeFailures());
    }

    synchronized void retryPending() {
        if (!pending.isEmpty()) {
            flush();
        }
    }

    /** Writes the waiting pulses, oldest first, each in its own transaction; stops at the first failure. */
    private void flush() {
        StoreHealth h = health;
        long records = h.records();
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            while (!pending.isEmpty()) {
                records += write(c, pending.peekFirst());
                records -= prune(c, records);
                c.commit();
                pending.removeFirst();
            }
            if (!h.writable()) {
                LOG.info("The database is writable again; pending pulses written");
            }
            unwritten.stored();
            health = new StoreHealth(true, true, null, 0, records, h.skippedRecords(), h.writeFailures());
        } catch (SQLException | RuntimeException e) {
            if (h.writable()) {
                LOG.errorf("Pulses cannot be written to PostgreSQL (%s); they stay in memory until they can", e.getMessage());
            }
            health = new StoreHealth(true, false, "database: " + e.getClass().getSimpleName(), pending.size(), h.records(),
                    h.skippedRecords(), h.writeFailures() + 1);
        }
    }

    /**
     * Inserts one pulse and counts it; 1 if it was new. A scheduled pulse is written only while its due time is still
     * claimed by it: a replica that lost its claim (it was cut off, and the next leader caught the due time up) drops
     * its pulse instead of recording the due time twice.
     */
    private int write(Connection c, Waiting waiting) throws SQLException {
        lockCounts(c);
        Pulse pulse = waiting.pulse();
        OffsetDateTime due = waiting.due().map(PostgresPulseStore::time).orElse(null);
        int inserted;
        try (PreparedStatement s = c.prepareStatement("insert into pulses (" + COLUMNS + ")"
                + " select ?::uuid, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?::text, ?::text, ?::float8, ?::text,"
                + " ?::int, ?::boolean, ?::text, ?::text, ?::jsonb"
                + " where ?::timestamptz is null or exists (select 1 from pulse_claims where due_at = ?::timestamptz"
                + " and pulse_id = ?::uuid)"
                + " on conflict do nothing")) {
            bindPulse(s, pulse, due);
            s.setObject(14, due);
            s.setObject(15, due);
            s.setObject(16, pulse.id());
            inserted = s.executeUpdate();
        }
        if (inserted == 1) {
            count(c, List.of(pulse));
        } else if (due != null) {
            LOG.warnf("Pulse %s is not recorded: due time %s was caught up by another replica meanwhile", pulse.id(), due);
        }
        return inserted;
    }

    /** Binds parameters 1 to 13 of an insert into pulses. */
    void bindPulse(PreparedStatement s, Pulse pulse, OffsetDateTime due) throws SQLException {
        s.setObject(1, pulse.id());
        s.setObject(2, due);
        s.setObject(3, time(pulse.startedAt()));
        s.setObject(4, time(pulse.completedAt()));
        s.setString(5, pulse.reason().label());
        s.setString(6, pulse.ceremony() == null ? null : pulse.ceremony().label());
        s.setObject(7, pulse.score());
        s.setString(8, pulse.outcome().label());
        s.setInt(9, pulse.voicesPresent());
        s.setBoolean(10, pulse.emergence());
        s.setString(11, pulse.keyInsight());
        s.setString(12, pulse.failureReason() == null ? null : pulse.failureReason().label());
        try {
            s.setString(13, json.writeValueAsString(PulseRecord.of(pulse)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("pulse " + pulse.id() + " cannot be written as JSON", e);
        }
    }

    /**
     * Takes the counters' row for the rest of the transaction, before any row is inserted: writers then commit in the
     * order of their rows' {@code seq}, so that a replica following {@code seq} ({@link #news()}) never passes a row
     * that commits later with a smaller one.
     */
    static void lockCounts(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select 1 from pulse_counts for update"); ResultSet rs = s.executeQuery()) {
            rs.next();
        }
    }

    /** Adds {@code pulses} to the counters over the whole history. */
    static void count(Connection c, List<Pulse> pulses) throws SQLException {
        if (pulses.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("update pulse_counts set total = total + ?, alerts = alerts + ?,"
                + " celebrations = celebrations + ?, failed = failed + ?,"
                + " first_pulse_at = least(coalesce(first_pulse_at, ?), ?)")) {
            Instant first = pulses.stream().map(Pulse::startedAt).min(Instant::compareTo).orElseThrow();
            s.setLong(1, pulses.size());
            s.setLong(2, pulses.stream().filter(Pulse::alert).count());
            s.setLong(3, pulses.stream().filter(Pulse::celebration).count());
            s.setLong(4, pulses.stream().filter(Pulse::failed).count());
            s.setObject(5, time(first));
            s.setObject(6, time(first));
            s.executeUpdate();
        }
    }

    /** Retention and the most records kept, oldest first, never the newest; how many rows went. */
    private int prune(Connection c, long records) throws SQLException {
        int removed;
        try (PreparedStatement s = c.prepareStatement("delete from pulses where started_at < ?"
                + " and seq <> (select max(seq) from pulses)")) {
            s.setObject(1, time(clock.instant().minus(config.log().retention())));
            removed = s.executeUpdate();
        }
        if (records - removed > config.log().maxFiles()) {
            try (PreparedStatement s = c.prepareStatement("delete from pulses where seq in (select seq from pulses"
                    + " order by started_at desc, seq desc offset ?)")) {
                s.setInt(1, config.log().maxFiles());
                removed += s.executeUpdate();
            }
        }
        if (removed > 0) {
            try (PreparedStatement s = c.prepareStatement("delete from pulse_claims where claimed_at < ?")) {
                s.setObject(1, time(clock.instant().minus(config.log().retention())));
                s.executeUpdate();
            }
        }
        return removed;
    }

    /** Not writable either while the replica's own session cannot reach the database: readiness says so at once. */
    @Override
    public StoreHealth health() {
        StoreHealth h = health;
        return h.writable() && !replicas.reachable() ? new StoreHealth(h.restored(), false, "database: unreachable",
                h.pending(), h.records(), h.skippedRecords(), h.writeFailures()) : h;
    }

    @Override
    public Optional<Pulse> find(UUID id) {
        try (Connection c = connection()) {
            Optional<Pulse> found = find(c, id);
            if (found.isPresent()) {
                return found;
            }
        } catch (SQLException e) {
            LOG.warnf("Pulse %s cannot be read from PostgreSQL: %s", id, e.getMessage());
        }
        synchronized (this) {
            return pending.stream().map(Waiting::pulse).filter(p -> p.id().equals(id)).findFirst();
        }
    }

    private Optional<Pulse> find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select record::text from pulses where id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? read(rs.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    public List<PulseSummary> page(Optional<Before> before, int limit) {
        String where = before.map(b -> b instanceof Before.Id
                ? " where started_at < (select started_at from pulses where id = ?)"
                : " where started_at < ?").orElse("");
        try (Connection c = connection()) {
            return query(c, "select " + SUMMARY + " from pulses" + where + " order by started_at desc, seq desc limit ?", s -> {
                int i = 1;
                if (before.isPresent()) {
                    s.setObject(i++, before.get() instanceof Before.Id id ? id.id() : time(((Before.At) before.get()).instant()));
                }
                s.setInt(i, limit);
            });
        } catch (SQLException e) {
            LOG.warnf("A page of history cannot be read from PostgreSQL: %s", e.getMessage());
            return List.of();
        }
    }

    @Override
    public boolean shared() {
        return true;
    }

    /** The rows added since the last look, by this replica or another, in the order they were added. */
    @Override
    public synchronized List<Pulse> news() {
        List<Pulse> news = new ArrayList<>();
        try (Connection c = connection();
                PreparedStatement s = c.prepareStatement("select seq, record::text from pulses where seq > ? order by seq limit 1000")) {
            s.setLong(1, seen);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    seen = rs.getLong(1);
                    read(rs.getString(2)).ifPresent(news::add);
                }
            }
            if (!news.isEmpty()) {
                recount(c); // rows others added (and pruned): pages and retention read the count
            }
        } catch (SQLException e) {
            LOG.debugf("No news from PostgreSQL: %s", e.getMessage());
        }
        return news;
    }

    private void recount(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select count(*) from pulses"); ResultSet rs = s.executeQuery()) {
            rs.next();
            StoreHealth h = health;
            health = new StoreHealth(h.restored(), h.writable(), h.reason(), h.pending(), rs.getLong(1), h.skippedRecords(),
                    h.writeFailures());
        }
    }

    private Optional<Pulse> read(String record) {
        try {
            return Optional.of(json.readValue(record, PulseRecord.class).toPulse());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warnf("A pulse row cannot be read: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private static List<PulseSummary> query(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            List<PulseSummary> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String ceremony = rs.getString(5);
                    rows.add(new PulseSummary(rs.getObject(1, UUID.class), PulseReason.fromLabel(rs.getString(2)),
                            instant(rs, 3), instant(rs, 4), ceremony == null ? null : Ceremony.fromLabel(ceremony),
                            rs.getObject(6, Double.class), PulseOutcome.fromLabel(rs.getString(7)), rs.getInt(8),
                            rs.getBoolean(9), rs.getString(10), FailureReason.fromLabel(rs.getString(11))));
                }
            }
            return rows;
        }
    }

    Connection connection() throws SQLException {
        return dataSource.get().getConnection();
    }

    static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
