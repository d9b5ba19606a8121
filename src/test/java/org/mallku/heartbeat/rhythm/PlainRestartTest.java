package org.mallku.heartbeat.rhythm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.config.HeartbeatConfig.Phase;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.testing.PreparedLog;
import org.mallku.heartbeat.testing.TestProfileConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The newest pulse started a second before this start: nothing was missed, no pulse runs. */
@QuarkusTest
@TestProfile(PlainRestartTest.Restart.class)
class PlainRestartTest {

    public static class Restart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestProfileConfig.scoped(Map.of("heartbeat.daily-pulse.enabled", "false",
                    "heartbeat.pulse-interval", "1h"));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PreparedLog.class, Map.of("age", "PT1S")));
        }
    }

    @Inject
    PulseMemory log;
    @Inject
    Rhythm rhythm;

    @Test
    void noPulseOnAPlainRestart() throws InterruptedException {
        Thread.sleep(2500); // two ticks of the rhythm
        assertEquals(1, log.history().counts().total(), "only the prepared pulse");
        RhythmView view = rhythm.view();
        assertTrue(view.started());
        assertEquals(Phase.ESTABLISHING, view.phase());
        assertEquals(PulseReason.INTERVAL, view.next().reason());
        assertTrue(view.next().at().isAfter(Instant.now()));
    }
}
