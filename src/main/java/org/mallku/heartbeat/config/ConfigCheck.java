package org.mallku.heartbeat.config;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMappings;

/** Refuses to start with a configuration that breaks a rule; runs before any other start-up work. */
@Singleton
public class ConfigCheck {

    private static final Logger LOG = Logger.getLogger(ConfigCheck.class);

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, HeartbeatConfig config,
            Config all, Clock clock) {
        List<String> problems = new ArrayList<>(ConfigValidator.problems(config));
        problems.addAll(ConfigNames.bareNumbers(key -> Optional.ofNullable(all.getConfigValue(key).getRawValue())));
        storeProblem(config.store(), all.getOptionalValue("quarkus.datasource.jdbc.url", String.class).isPresent())
                .ifPresent(problems::add);
        problems.addAll(ConfigValidator.quarkusProblems(key -> Optional.ofNullable(all.getConfigValue(key).getValue()),
                config.store() == HeartbeatConfig.Store.POSTGRESQL));
        if (config.mode() == HeartbeatConfig.Mode.SERVICE) {
            all.getOptionalValue("quarkus.http.port", Integer.class)
                    .flatMap(port -> ConfigValidator.portProblem("quarkus.http.port", port))
                    .ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        ConfigValidator.cronWarning(config, clock.instant().atZone(config.timeZone())).ifPresent(LOG::warn);
        ConfigNames.unknownVariables(System.getenv(), ConfigMappings.getProperties(
                ConfigMappings.ConfigClass.configClass(HeartbeatConfig.class, "heartbeat")).keySet()).forEach(LOG::warn);
    }

    /** The database store needs a database; the file store must not be given one it would silently ignore. */
    static Optional<String> storeProblem(HeartbeatConfig.Store store, boolean url) {
        if (store == HeartbeatConfig.Store.POSTGRESQL && !url) {
            return Optional.of("heartbeat.store=postgresql needs quarkus.datasource.jdbc.url (QUARKUS_DATASOURCE_JDBC_URL),"
                    + " for example jdbc:postgresql://db:5432/heartbeat");
        }
        if (store == HeartbeatConfig.Store.FILE && url) {
            return Optional.of("quarkus.datasource.jdbc.url is set but heartbeat.store is file: set heartbeat.store=postgresql"
                    + " to keep pulses in that database, or leave the URL out");
        }
        return Optional.empty();
    }
}
