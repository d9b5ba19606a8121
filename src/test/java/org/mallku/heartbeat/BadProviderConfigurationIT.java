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
 * The packaged app refuses a bad provider value (it used to start with that provider silently left out) and a
 * shutdown timeout of less than nothing (it used to hang) with exit code 2 and one line each naming the key.
 */
@QuarkusMainIntegrationTest
@TestProfile(BadProviderConfigurationIT.NegativeValues.class)
class BadProviderConfigurationIT {

    public static class NegativeValues implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Isolated.config(Isolated.logFolder("bad-provider-config-it"), Map.of("heartbeat.mode", "single-pulse",
                    "heartbeat.providers.openai.max-tokens", "-5", "quarkus.shutdown.timeout", "-1s"));
        }
    }

    @Test
    @Launch(exitCode = 2)
    void exitsTwoNamingEachKey(LaunchResult result) {
        assertEquals("heartbeat.providers.openai.max-tokens=-5 must be at least 1\n"
                + "quarkus.shutdown.timeout=-1s must be a positive duration such as 30s", result.getErrorOutput().strip());
        assertTrue(!result.getOutput().contains("\tat "), "no stack trace: " + result.getOutput());
    }
}
