package org.mallku.heartbeat.rhythm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.pulse.PulseSkipped;
import org.mallku.heartbeat.testing.ControlledClock;
import org.mallku.heartbeat.testing.PreparedLog;
import org.mallku.heartbeat.testing.TestProfileConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The adaptive rhythm wired end to end: a circle in crisis (five low scores) in the adaptive phase gets an
 * adaptive pulse, fired once while it runs (a voice that hangs keeps it in flight for seconds), and the next
 * one waits the minimum gap.
 */
@QuarkusTest
@TestProfile(AdaptivePulseTest.Crisis.class)
class AdaptivePulseTest {

    public static class Crisis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestProfileConfig.scoped(Map.of("heartbeat.daily-pulse.enabled", "false",
                    "heartbeat.rhythm.phase", "adaptive", "test.voices.hanging", "true",
                    "heartbeat.check-in-duration", "1s"));
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ControlledClock.class);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PreparedLog.class,
                    Map.of("at", ControlledClock.START.minus(Duration.ofHours(1)).toString(), "scores", "0.2,0.2,0.2,0.2,0.2")));
        }
    }

    /** Every skipped pulse, as the metrics would count it. */
    @Singleton
    static class Skips {
        final List<PulseSkipped> seen = new CopyOnWriteArrayList<>();

        void on(@Observes PulseSkipped skipped) {
            seen.add(skipped);
        }
    }

    @Inject
    PulseMemory log;
    @Inject
    Rhythm rhythm;
    @Inject
    Skips skips;

    @Test
    void aCrisisGetsOneAdaptivePulseAndThenWaitsTheMinimumGap() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        // the pulse is kept before the rhythm hears of it: wait for both
        while ((log.history().counts().total() < 6 || rhythm.view().next() == null) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(6, log.history().counts().total(), "the five prepared pulses and one adaptive pulse");
        assertEquals(PulseReason.ADAPTIVE, log.history().recent().get(0).reason());
        assertEquals(List.of(), skips.seen, "fired once, not again at every tick while it ran");
        RhythmView view = rhythm.view();
        assertEquals(Adaptive.State.CRISIS, view.state());
        assertEquals(ControlledClock.START.plus(Duration.ofMinutes(10)), view.next().at(),
                "15 min / 4 is held at the 10 min minimum gap");
        Thread.sleep(1500);
        assertEquals(6, log.history().counts().total());
    }
}
