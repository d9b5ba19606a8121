package org.mallku.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.testing.Isolated;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

/**
 * The packaged app refuses a bad configuration with exit code 2 and one line per problem, no stack trace: a
 * broken rule, and an interval of "6" (the reference's field was hours; here it would be six seconds).
 */
@QuarkusMainIntegrationTest
@TestProfile(BadConfigurationIT.MinAboveMax.class)
class BadConfigurationIT {

    public static class MinAboveMax implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Isolated.config(Isolated.logFolder("bad-config-it"),
                    Map.of("heartbeat.voices.min", "5", "heartbeat.mode", "single-pulse", "heartbeat.pulse-interval", "6"));
        }
    }

    @Test
    @Launch(exitCode = 2)
    void exitsTwoWithOneClearLinePerProblem(LaunchResult result) {
        assertEquals("heartbeat.voices.min=5 is greater than heartbeat.voices.max=3\n"
                + "heartbeat.pulse-interval=6 has no unit and would mean 6 seconds; write 6h for hours (or s, m, d)",
                result.getErrorOutput().strip());
        assertTrue(!result.getOutput().contains("\tat "), "no stack trace: " + result.getOutput());
    }
}
