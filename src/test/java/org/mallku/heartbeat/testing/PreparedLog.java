package org.mallku.heartbeat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.mallku.heartbeat.log.LogFolder;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fresh log folder holding one pulse that started {@code age} (an ISO duration) before the application starts;
 * it becomes {@code heartbeat.log-path}.
 */
public class PreparedLog implements QuarkusTestResourceLifecycleManager {

    private Duration age;

    @Override
    public void init(Map<String, String> args) {
        age = Duration.parse(args.get("age"));
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("heartbeats");
            new LogFolder(dir, new ObjectMapper()).write(Pulses.scored(Instant.now().minus(age), 0.8));
            return Map.of("heartbeat.log-path", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
