package org.mallku.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
            return Isolated.config(DIR, Map.of());
        }
    }

    @Test
    void reportsTheNewestPulseAndExitsByAssessment(QuarkusMainLauncher launcher) throws Exception {
        Files.createDirectories(DIR);
        LaunchResult none = launcher.launch("status");
        assertEquals(2, none.exitCode());
        assertTrue(none.getOutput().contains("not yet established"), none.getOutput());

        new LogFolder(DIR, new ObjectMapper()).write(Pulses.scored(Instant.now().minusSeconds(600), 0.82));
        LaunchResult text = launcher.launch("status");
        assertEquals(0, text.exitCode(), text.getOutput());
        assertTrue(text.getOutput().contains("strong and recent"), text.getOutput());
        assertTrue(text.getOutput().startsWith("Fire Circle heartbeat"), "the report alone on stdout: " + text.getOutput());
        assertTrue(!(text.getOutput() + text.getErrorOutput()).contains("Listening on: http"), "no HTTP server");

        LaunchResult json = launcher.launch("status", "--json");
        assertEquals(0, json.exitCode());
        assertEquals(0.82, new ObjectMapper().readTree(json.getOutput()).get("consciousness_score").asDouble());
    }
}
