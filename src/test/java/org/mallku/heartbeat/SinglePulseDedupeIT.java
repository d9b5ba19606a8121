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

/** A CronJob started twice: the second run finds a fresh pulse, skips it in one line and exits 0. */
@QuarkusMainIntegrationTest
@TestProfile(SinglePulseDedupeIT.Twice.class)
class SinglePulseDedupeIT {

    static final Path DIR = Isolated.logFolder("dedupe-it");

    public static class Twice implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Isolated.config(DIR, Map.of("heartbeat.mode", "single-pulse", "heartbeat.voices.offline.enabled", "true"));
        }
    }

    @Test
    void aSecondRunWithinTheWindowSkips(QuarkusMainLauncher launcher) throws Exception {
        Files.createDirectories(DIR);
        LaunchResult first = launcher.launch();
        assertEquals(0, first.exitCode(), first.getOutput());
        assertTrue(first.getOutput().contains("(single-pulse)"), first.getOutput());

        LaunchResult second = launcher.launch();
        assertEquals(0, second.exitCode(), second.getOutput());
        assertTrue(second.getOutput().contains("Single pulse skipped"), second.getOutput());
        assertEquals(1, new LogFolder(DIR, new ObjectMapper()).recordNames().size(), "one pulse recorded, not two");

        Files.delete(DIR.resolve(new LogFolder(DIR, new ObjectMapper()).recordNames().get(0)));
        new LogFolder(DIR, new ObjectMapper()).write(Pulses.scored(Instant.now().minusSeconds(600), 0.8));
        Files.deleteIfExists(DIR.resolve(LogFolder.INDEX));
        LaunchResult later = launcher.launch();
        assertEquals(0, later.exitCode(), later.getOutput());
        assertTrue(later.getOutput().contains("(single-pulse)"), "10 minutes later is a new pulse: " + later.getOutput());
    }
}
