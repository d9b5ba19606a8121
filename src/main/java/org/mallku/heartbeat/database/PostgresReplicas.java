package org.mallku.heartbeat.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.mallku.heartbeat.pulse.PulseSkipped;
import org.mallku.heartbeat.pulse.Replicas;

/**
 * Replicas on one PostgreSQL database. Each holds one session of its own (not a pooled connection, so that closing
 * it really ends the session and frees its locks):
 * <ul>
 * <li>the leader is the replica whose session holds the advisory lock {@link #LEAD}; PostgreSQL frees it when the
 * session ends, so a replica killed or cut off loses the lead, and another takes it at its next tick;</li>
 * <li>a pulse in flight anywhere holds the advisory lock {@link #FLIGHT} until it is kept;</li>
 * <li>a scheduled pulse first inserts its due time into {@code pulse_claims} (primary key): a second replica finds
 * it claimed and does not run it. A catch-up pulse may take over a claim whose pulse was never recorded, once.</li>
 * </ul>
 */
@ApplicationScoped
@Typed(PostgresReplicas.class) // chosen by heartbeat.store (Storage)
public class PostgresReplicas implements Replicas {

    private static final Logger LOG = Logger.getLogger(PostgresReplicas.class);
    /**
     * Advisory locks are the database's, not a schema's: each key is a pair, this number ("Mlku" in ASCII, or the
     * next) and a hash of the schema, so that heartbeats in two schemas of one database do not share a leader.
     */
    static final int LEAD = 0x4d6c6b75;
    static final int FLIGHT = LEAD + 1;
    /** A session query that takes longer than this means the database is out of reach. */
    static final int TIMEOUT_SECONDS = 3;

    private final Config config;
    private final String name = ReplicaName.get();
    /** Due times claimed by the pulses in flight here, which the store records them under. */
    private final Map<UUID, Instant> claims = new ConcurrentHashMap<>();
    private Connection session;
    /** The second half of this session's lock keys: its schema's hash. */
    private int scope;
    /** The session that took {@link #FLIGHT}, if it is held. */
    private Connection flightSession;
    private volatile boolean leading;
    private volatile boolean unreachable;

    public PostgresReplicas(Config config) {
        this.config = config;
    }

    @Override
    public synchronized boolean lead() {
        boolean was = leading;
        try {
            Connection c = session();
            if (!was) {
                leading = tryLock(c, LEAD);
            } else if (!c.isValid(TIMEOUT_SECONDS)) {
                throw new SQLException("the session is no longer valid");
            }
        } catch (SQLException e) {
            drop(e);
        }
        if (leading != was) {
            LOG.infof(leading ? "This replica (%s) leads the heartbeat now" : "This replica (%s) no longer leads the heartbeat",
                    name);
        }
        return leading;
    }

    @Override
    public boolean leading() {
        return leading;
    }

    @Override
    public synchronized Optional<PulseSkipped.Cause> depart(UUID pulse, Optional<Claim> claim) {
        try {
            Connection c = session();
            if (!tryLock(c, FLIGHT)) {
                return Optional.of(PulseSkipped.Cause.OVERLAP);
            }
            flightSession = c;
            if (claim.isPresent() && !claim(c, pulse, claim.get())) {
                unlockFlight();
                return Optional.of(PulseSkipped.Cause.CLAIMED);
            }
            claim.ifPresent(cl -> claims.put(pulse, due(cl.due())));
            return Optional.empty();
        } catch (SQLException e) {
            drop(e);
            if (claim.isPresent()) {
                return Optional.of(PulseSkipped.Cause.CLAIMED); // a due time is never run unclaimed
            }
            LOG.warnf("Pulse %s runs without asking the other replicas: the database is out of reach", pulse);
            return Optional.empty();
        }
    }

    @Override
    public synchronized void landed(UUID pulse) {
        claims.remove(pulse);
        unlockFlight();
    }

    /** The due time pulse {@code pulse} claimed, while it is in flight. */
    Optional<Instant> claimOf(UUID pulse) {
        return Optional.ofNullable(claims.get(pulse));
    }

    /** Whether the last look at the database (every tick in service mode) reached it. */
    boolean reachable() {
        return !unreachable;
    }

    private boolean claim(Connection c, UUID pulse, Claim claim) throws SQLException {
        OffsetDateTime due = OffsetDateTime.ofInstant(due(claim.due()), ZoneOffset.UTC);
        try (PreparedStatement insert = c.prepareStatement("insert into pulse_claims (due_at, pulse_id, replica)"
                + " values (?, ?, ?) on conflict (due_at) do nothing")) {
            insert.setObject(1, due);
            insert.setObject(2, pulse);
            insert.setString(3, name);
            if (insert.executeUpdate() == 1) {
                return true;
            }
        }
        if (!claim.catchUp()) {
            return false;
        }
        // its replica died before recording it: caught up once, never again
        try (PreparedStatement takeOver = c.prepareStatement("update pulse_claims set pulse_id = ?, replica = ?,"
                + " claimed_at = now(), caught_up = true where due_at = ? and not caught_up"
                + " and not exists (select 1 from pulses p where p.id = pulse_claims.pulse_id)")) {
            takeOver.setObject(1, pulse);
            takeOver.setString(2, name);
            takeOver.setObject(3, due);
            boolean taken = takeOver.executeUpdate() == 1;
            if (taken) {
                LOG.infof("Due time %s was claimed by a replica that did not record its pulse: caught up here", due);
            }
            return taken;
        }
    }

    /** Due times are kept to the microsecond, as PostgreSQL keeps them. */
    private static Instant due(Instant due) {
        return due.truncatedTo(ChronoUnit.MICROS);
    }

    private void unlockFlight() {
        if (flightSession == null) {
            return;
        }
        if (flightSession == session) {
            try (PreparedStatement unlock = session.prepareStatement("select pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, FLIGHT);
                unlock.setInt(2, scope);
                unlock.execute();
            } catch (SQLException e) {
                drop(e);
            }
        } // else: that session has ended, and the lock with it
        flightSession = null;
    }

    private boolean tryLock(Connection c, int key) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, key);
            lock.setInt(2, scope);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private Connection session() throws SQLException {
        if (session != null) {
            return session;
        }
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        Properties properties = new Properties();
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(u -> properties.setProperty("user", u));
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", String.valueOf(TIMEOUT_SECONDS * 2));
        properties.setProperty("ApplicationName", "mallku-heartbeat " + name);
        Connection c = new org.postgresql.Driver().connect(url, properties);
        if (c == null) {
            throw new SQLException("quarkus.datasource.jdbc.url is not a PostgreSQL JDBC URL");
        }
        try (Statement s = c.createStatement()) {
            // the server ends the session of a replica cut off from it within about 10 s, which frees its locks
            s.execute("set tcp_keepalives_idle = 5; set tcp_keepalives_interval = 2; set tcp_keepalives_count = 2");
            try (ResultSet rs = s.executeQuery("select hashtext(coalesce(current_schema(), ''))")) {
                rs.next();
                scope = rs.getInt(1);
            }
        } catch (SQLException e) {
            close(c);
            throw e;
        }
        if (unreachable) {
            LOG.infof("The database can be reached again (replica %s)", name);
            unreachable = false;
        }
        session = c;
        return c;
    }

    /** The session failed: close it (its locks go with it) and open a new one at the next tick. */
    private void drop(SQLException e) {
        if (!unreachable) {
            LOG.warnf("Replica %s lost its database session (%s): it neither leads nor starts pulses until it is back",
                    name, e.getMessage());
            unreachable = true;
        }
        close(session);
        session = null;
        flightSession = null;
        leading = false;
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // it is gone either way
            }
        }
    }

    @PreDestroy
    synchronized void close() {
        close(session);
        session = null;
    }
}
