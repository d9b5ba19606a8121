package org.mallku.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.testing.Isolated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

/** The packaged app in single-pulse mode with the offline voices: one pulse, recorded, exit 0, logged as JSON. */
@QuarkusMainIntegrationTest
@TestProfile(SinglePulseIT.Offline.class)
class SinglePulseIT {

    public static class Offline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Isolated.config(Isolated.logFolder("single-pulse-it"),
                    Map.of("heartbeat.mode", "single-pulse", "heartbeat.voices.offline.enabled", "true"));
        }
    }

    @Test
    @Launch(exitCode = 0)
    void onePulseThenExitZero(LaunchResult result) throws Exception {
        String out = result.getOutput();
        assertTrue(out.contains("(single-pulse)"), out);
        assertTrue(out.contains("offline/"), out);
        assertTrue(!out.contains("Listening on: http"), "no HTTP port in single-pulse mode: " + out);
        ObjectMapper json = new ObjectMapper();
        JsonNode pulse = null;
        for (String line : result.getOutputStream()) {
            JsonNode record = json.readTree(line); // production logs: one JSON object per line, for log shippers
            pulse = record.path("message").asText().contains("(single-pulse)") ? record : pulse;
        }
        assertEquals("INFO", pulse.path("level").asText(), out);
        assertEquals("org.mallku.heartbeat.pulse.PulseEngine", pulse.path("loggerName").asText(), out);
    }
}
