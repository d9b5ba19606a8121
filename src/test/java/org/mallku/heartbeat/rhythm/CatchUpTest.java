package org.mallku.heartbeat.rhythm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.pulse.PulseSummary;
import org.mallku.heartbeat.testing.PreparedLog;
import org.mallku.heartbeat.testing.TestProfileConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The newest pulse is 3 h old and the service pulses hourly: one catch-up pulse at start, not three. */
@QuarkusTest
@TestProfile(CatchUpTest.Missed.class)
class CatchUpTest {

    public static class Missed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestProfileConfig.scoped(Map.of("heartbeat.daily-pulse.enabled", "false",
                    "heartbeat.pulse-interval", "1h"));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PreparedLog.class, Map.of("age", "PT3H")));
        }
    }

    @Inject
    PulseMemory log;
    @Inject
    Rhythm rhythm;

    @Test
    void oneCatchUpPulseRunsAtStart() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (log.history().counts().total() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        List<PulseSummary> recent = log.history().recent();
        assertEquals(2, recent.size(), "the prepared pulse and one catch-up");
        assertEquals(PulseReason.CATCH_UP, recent.get(0).reason());
        Thread.sleep(1500); // the rhythm ticks every second: no second catch-up follows
        assertEquals(2, log.history().counts().total());
        RhythmView view = rhythm.view();
        assertTrue(view.started());
        assertEquals(PulseReason.INTERVAL, view.next().reason());
    }
}
