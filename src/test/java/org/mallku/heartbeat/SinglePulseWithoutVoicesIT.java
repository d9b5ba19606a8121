package org.mallku.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.log.LogFolder;
import org.mallku.heartbeat.testing.Isolated;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/**
 * No voice available, as a CronJob meets it: the single pulse is recorded as failed and exits 1; the Job's retry
 * pulses again (a failed pulse does not count for dedupe) and fails again; the status command says failing, exit 2.
 * The run says loudly at its start that no circle can form, and what to set.
 */
@QuarkusMainIntegrationTest
@TestProfile(SinglePulseWithoutVoicesIT.NoVoices.class)
class SinglePulseWithoutVoicesIT {

    /** One folder for every launch (the profile is asked for its configuration at each one). */
    static final Path DIR = Isolated.logFolder("no-voices-it");

    public static class NoVoices implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Isolated.config(DIR,
                    Map.of("heartbeat.mode", "single-pulse", "heartbeat.voices.offline.enabled", "false"));
        }
    }

    @Test
    void aFailedPulseFailsTheJobAndItsRetryAndStatusSaysSo(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult first = launcher.launch();
        assertEquals(1, first.exitCode(), first.getOutput());
        assertTrue(first.getOutput().contains("insufficient_voices"), first.getOutput());
        assertTrue(first.getOutput().contains("Every pulse will fail: only 0 distinct voices are configured and"
                + " heartbeat.voices.min is 2"), first.getOutput());
        assertTrue(first.getOutput().contains("HEARTBEAT_VOICES_OFFLINE_ENABLED=true"), first.getOutput());

        assertEquals(1, new LogFolder(DIR, new ObjectMapper()).recordNames().size(), "the failed pulse is recorded");

        LaunchResult retry = launcher.launch();
        assertEquals(1, retry.exitCode(), "the retry pulses again rather than succeeding on the failure: "
                + retry.getOutput());
        assertFalse(retry.getOutput().contains("Single pulse skipped"), retry.getOutput());
        assertEquals(2, new LogFolder(DIR, new ObjectMapper()).recordNames().size(), "the retry pulsed");

        LaunchResult status = launcher.launch("status");
        assertEquals(2, status.exitCode(), status.getOutput());
        assertTrue(status.getOutput().contains("Status:         failing: the newest 2 pulses failed: insufficient_voices"),
                status.getOutput());
        assertTrue(status.getOutput().contains("Last result:    none in the recent history"), status.getOutput());
    }
}
