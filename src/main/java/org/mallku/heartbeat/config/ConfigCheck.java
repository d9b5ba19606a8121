package org.mallku.heartbeat.config;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.StartupEvent;

/** Refuses to start with a configuration that breaks a rule; runs before any other start-up work. */
@Singleton
public class ConfigCheck {

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, HeartbeatConfig config) {
        List<String> problems = ConfigValidator.problems(config);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }
}
