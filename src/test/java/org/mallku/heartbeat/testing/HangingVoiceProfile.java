package org.mallku.heartbeat.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Adds a voice that never answers, with 1 s per voice (a 1.5 s round deadline). */
public class HangingVoiceProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return TestProfileConfig.scoped(Map.of("test.voices.hanging", "true", "heartbeat.check-in-duration", "1s",
                "quarkus.shutdown.timeout", "1s"));
    }
}
