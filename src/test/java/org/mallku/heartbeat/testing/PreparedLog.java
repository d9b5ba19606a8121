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
 * A fresh log folder that becomes {@code heartbeat.log-path}, holding pulses scored {@code scores} (oldest first,
 * a minute apart, default one pulse of 0.8), the newest started {@code age} (an ISO duration) before the
 * application starts, or at the instant {@code at}; the answering voice says {@code text}.
 */
public class PreparedLog implements QuarkusTestResourceLifecycleManager {

    private Map<String, String> args;

    @Override
    public void init(Map<String, String> args) {
        this.args = args;
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("heartbeats");
            Instant newest = args.containsKey("at") ? Instant.parse(args.get("at"))
                    : Instant.now().minus(Duration.parse(args.get("age")));
            String[] scores = args.getOrDefault("scores", "0.8").split(",");
            for (int i = 0; i < scores.length; i++) {
                Instant at = newest.minus(Duration.ofMinutes(scores.length - 1L - i));
                new LogFolder(dir, new ObjectMapper()).write(Pulses.scored(at, Double.parseDouble(scores[i]),
                        args.getOrDefault("text", "A pattern of reciprocity.")));
            }
            return Map.of("heartbeat.log-path", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
