package org.mallku.heartbeat.database;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.log.LogFolder;
import org.mallku.heartbeat.pulse.Pulse;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code import [folder]}: copies a log folder (by default {@code heartbeat.log-path}) into the PostgreSQL store.
 * Idempotent: a pulse already there (by its id) is left as it is, so a second run adds nothing and an interrupted
 * run can be started again. The folder is only read. Exit code 0 when every readable record is in the database, 1
 * when some records could not be read, 2 when the store is not PostgreSQL or the folder does not exist.
 */
@ApplicationScoped
public class LogImport {

    /**
     * A transaction ends after this many records or this many bytes of them, whichever comes first: a failure loses
     * no more than that much work, and the records are read, inserted and let go one at a time, so the heap holds one
     * record (at most {@link LogFolder#MAX_RECORD_BYTES}) and the batch's counters, not the batch.
     */
    static final int BATCH = 500;
    static final long BATCH_BYTES = 32L * 1024 * 1024;

    private static final String INSERT = "insert into pulses (" + PostgresPulseStore.COLUMNS + ")"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) on conflict (id) do nothing";

    private final HeartbeatConfig config;
    private final PostgresPulseStore store;
    private final ObjectMapper json;

    public LogImport(HeartbeatConfig config, PostgresPulseStore store, ObjectMapper json) {
        this.config = config;
        this.store = store;
        this.json = json;
    }

    /** The outcome of an import, for the operator; {@code transactions} committed. */
    record Result(int added, int present, int unreadable, int transactions) {
    }

    public int run(Path folder, PrintStream out) throws IOException, SQLException {
        if (config.store() != HeartbeatConfig.Store.POSTGRESQL) {
            out.println("import copies a log folder into PostgreSQL: set heartbeat.store=postgresql and"
                    + " quarkus.datasource.jdbc.url");
            return 2;
        }
        if (!Files.isDirectory(folder)) {
            out.println("import: " + folder + " is not a folder of pulse records");
            return 2;
        }
        Result r = copy(new LogFolder(folder, json), out, BATCH_BYTES);
        out.printf("Imported %d pulse(s) from %s; %d were already in the database; %d record(s) could not be read%n",
                r.added(), folder, r.present(), r.unreadable());
        return r.unreadable() == 0 ? 0 : 1;
    }

    /** Copies the records, oldest first; a record that cannot be read is named on {@code out}, with why, and skipped. */
    Result copy(LogFolder folder, PrintStream out, long batchBytes) throws IOException, SQLException {
        List<String> names = folder.recordNames();
        int added = 0;
        int unreadable = 0;
        int transactions = 0;
        try (Connection c = store.connection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            List<Pulse> batch = new ArrayList<>(); // the inserted pulses, for the counters: without their transcripts
            int records = 0;
            long bytes = 0;
            for (String name : names) {
                Pulse pulse;
                try {
                    pulse = folder.read(name);
                } catch (IOException | IllegalArgumentException e) {
                    out.println("import: skipped " + name + " in " + folder.dir() + ": " + LogFolder.problem(e));
                    unreadable++;
                    continue;
                }
                if (records == 0) {
                    // the transaction's first row: replicas writing meanwhile wait for its commit (the order of seq)
                    PostgresPulseStore.lockCounts(c);
                }
                store.bindPulse(insert, pulse, null);
                if (insert.executeUpdate() == 1) {
                    batch.add(counted(pulse));
                }
                records++;
                bytes += Files.size(folder.dir().resolve(name));
                if (records >= BATCH || bytes >= batchBytes) {
                    added += commit(c, batch);
                    transactions++;
                    records = 0;
                    bytes = 0;
                }
            }
            if (records > 0) {
                added += commit(c, batch);
                transactions++;
            }
        }
        return new Result(added, names.size() - unreadable - added, unreadable, transactions);
    }

    /** Counts the batch's new pulses and commits them with their rows; how many there were. */
    private static int commit(Connection c, List<Pulse> batch) throws SQLException {
        PostgresPulseStore.count(c, batch);
        c.commit();
        int n = batch.size();
        batch.clear();
        return n;
    }

    /** What the counters read of a pulse (its time and outcome), without the transcript that makes it large. */
    private static Pulse counted(Pulse p) {
        return new Pulse(p.id(), p.reason(), p.startedAt(), p.completedAt(), p.ceremony(), List.of(), List.of(), p.score(),
                p.emergence(), p.consensus(), List.of(), p.outcome(), p.failureReason());
    }
}
