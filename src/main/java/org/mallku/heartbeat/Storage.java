package org.mallku.heartbeat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.database.PostgresPulseStore;
import org.mallku.heartbeat.database.PostgresReplicas;
import org.mallku.heartbeat.log.FilePulseLog;
import org.mallku.heartbeat.pulse.PulseStore;
import org.mallku.heartbeat.pulse.Replicas;

/**
 * The store {@code heartbeat.store} names, and who shares it. Chosen at start: the database beans are not even
 * created on the file store, so its datasource (inactive without a JDBC URL) costs nothing there.
 */
@ApplicationScoped
public class Storage {

    @Produces
    @ApplicationScoped
    PulseStore store(HeartbeatConfig config, Instance<FilePulseLog> file, Instance<PostgresPulseStore> database) {
        return config.store() == HeartbeatConfig.Store.POSTGRESQL ? database.get() : file.get();
    }

    @Produces
    @ApplicationScoped
    Replicas replicas(HeartbeatConfig config, Instance<PostgresReplicas> database) {
        return config.store() == HeartbeatConfig.Store.POSTGRESQL ? database.get() : Replicas.ALONE;
    }
}
