package org.mallku.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.log.LogFolder;
import org.mallku.heartbeat.testing.Isolated;
import org.mallku.heartbeat.testing.Pulses;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/** {@code java -jar quarkus-run.jar status [--json]} on the packaged app. */
@QuarkusMainIntegrationTest
@TestProfile(StatusIT.Folder.class)
class StatusIT {

    static final Path DIR = Isolated.logFolder("status-it");

    public static class Folder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a pulse every 6 h: ten minutes after one, the next is never due yet, whatever the time of day
            return Isolated.config(DIR, Map.of("heartbeat.daily-pulse.enabled", "false", "heartbeat.pulse-interval", "6h"));
        }
    }

    @Test
    void reportsTheNewestPulseAndExitsByStatus(QuarkusMainLauncher launcher) throws Exception {
        Files.createDirectories(DIR);
        LaunchResult none = launcher.launch("status");
        assertEquals(1, none.exitCode());
        assertTrue(none.getOutput().contains("Status:         new: no pulse yet"), none.getOutput());

        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant last = start.minus(Duration.ofHours(start.atZone(ZoneOffset.UTC).getHour() % 6));
        new LogFolder(DIR, new ObjectMapper()).write(Pulses.scored(last, 0.82));
        LaunchResult text = launcher.launch("status");
        assertEquals(0, text.exitCode(), text.getOutput());
        assertTrue(text.getOutput().contains("Status:         up: the last pulse had a result"), text.getOutput());
        assertTrue(text.getOutput().startsWith("Fire Circle heartbeat"), "the report alone on stdout: " + text.getOutput());
        assertTrue(!(text.getOutput() + text.getErrorOutput()).contains("Listening on: http"), "no HTTP server");

        LaunchResult json = launcher.launch("status", "--json");
        assertEquals(0, json.exitCode());
        assertEquals(0.82, new ObjectMapper().readTree(json.getOutput()).get("last_pulse").get("consciousness_score").asDouble());
        assertEquals("up", new ObjectMapper().readTree(json.getOutput()).get("status").asText());
    }
}
