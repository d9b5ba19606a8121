package org.mallku.heartbeat.config;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Refuses to start with a configuration that breaks a rule; runs before any other start-up work. */
@Singleton
public class ConfigCheck {

    private static final Logger LOG = Logger.getLogger(ConfigCheck.class);

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, HeartbeatConfig config,
            Config all, Clock clock) {
        List<String> problems = new ArrayList<>(ConfigValidator.problems(config));
        if (config.mode() == HeartbeatConfig.Mode.SERVICE) {
            all.getOptionalValue("quarkus.http.port", Integer.class)
                    .flatMap(port -> ConfigValidator.portProblem("quarkus.http.port", port))
                    .ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        ConfigValidator.cronWarning(config, clock.instant().atZone(config.timeZone())).ifPresent(LOG::warn);
    }
}
