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
import java.util.Optional;

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

    /** Records per transaction: a failure loses no more than this much work, and memory stays small. */
    static final int BATCH = 500;

    private final HeartbeatConfig config;
    private final PostgresPulseStore store;
    private final ObjectMapper json;

    public LogImport(HeartbeatConfig config, PostgresPulseStore store, ObjectMapper json) {
        this.config = config;
        this.store = store;
        this.json = json;
    }

    /** The outcome of an import, for the operator. */
    record Result(int added, int present, int unreadable) {
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
        Result r = copy(new LogFolder(folder, json));
        out.printf("Imported %d pulse(s) from %s; %d were already in the database; %d record(s) could not be read%n",
                r.added(), folder, r.present(), r.unreadable());
        return r.unreadable() == 0 ? 0 : 1;
    }

    Result copy(LogFolder folder) throws IOException, SQLException {
        List<String> names = folder.recordNames();
        int added = 0;
        int unreadable = 0;
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            for (int from = 0; from < names.size(); from += BATCH) {
                List<Pulse> batch = new ArrayList<>();
                for (String name : names.subList(from, Math.min(names.size(), from + BATCH))) {
                    Optional<Pulse> pulse = folder.readOrSkip(name);
                    pulse.ifPresent(batch::add);
                    unreadable += pulse.isEmpty() ? 1 : 0;
                }
                PostgresPulseStore.lockCounts(c);
                List<Pulse> inserted = insert(c, batch);
                PostgresPulseStore.count(c, inserted);
                c.commit();
                added += inserted.size();
            }
        }
        return new Result(added, names.size() - unreadable - added, unreadable);
    }

    private List<Pulse> insert(Connection c, List<Pulse> pulses) throws SQLException {
        List<Pulse> inserted = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("insert into pulses (" + PostgresPulseStore.COLUMNS + ")"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) on conflict (id) do nothing")) {
            for (Pulse pulse : pulses) {
                store.bindPulse(s, pulse, null);
                if (s.executeUpdate() == 1) {
                    inserted.add(pulse);
                }
            }
        }
        return inserted;
    }
}
