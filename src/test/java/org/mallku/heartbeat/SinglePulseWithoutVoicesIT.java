package org.mallku.heartbeat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.testing.Isolated;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

/** No voice available: the single pulse is recorded as failed and the process exits 1. */
@QuarkusMainIntegrationTest
@TestProfile(SinglePulseWithoutVoicesIT.NoVoices.class)
class SinglePulseWithoutVoicesIT {

    public static class NoVoices implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Isolated.config(Isolated.logFolder("no-voices-it"),
                    Map.of("heartbeat.mode", "single-pulse", "heartbeat.voices.offline.enabled", "false"));
        }
    }

    @Test
    @Launch(exitCode = 1)
    void failedPulseExitsOne(LaunchResult result) {
        assertTrue(result.getOutput().contains("insufficient_voices"), result.getOutput());
    }
}
