package org.mallku.heartbeat.rhythm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.log.PulseLog;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.pulse.PulseSkipped;
import org.mallku.heartbeat.testing.ControlledClock;
import org.mallku.heartbeat.testing.TestProfileConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A clock that steps five hours forward (a VM resumed, an NTP step) gives one catch-up pulse, not five. */
@QuarkusTest
@TestProfile(ClockJumpTest.Hourly.class)
class ClockJumpTest {

    public static class Hourly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestProfileConfig.scoped(Map.of("heartbeat.daily-pulse.enabled", "false",
                    "heartbeat.pulse-interval", "1h", "heartbeat.log-path", "target/clock-jump-test-" + UUID.randomUUID()));
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ControlledClock.class);
        }
    }

    @Singleton
    static class Seen {
        final List<Pulse> pulses = new CopyOnWriteArrayList<>();
        final List<PulseSkipped> skips = new CopyOnWriteArrayList<>();

        void on(@Observes Pulse pulse) {
            pulses.add(pulse);
        }

        void on(@Observes PulseSkipped skipped) {
            skips.add(skipped);
        }
    }

    @Inject
    ControlledClock clock;
    @Inject
    PulseLog log;
    @Inject
    Seen seen;

    @Test
    void aForwardJumpOverFiveSlotsIsOneCatchUpPulse() throws InterruptedException {
        assertEquals(List.of(), seen.pulses, "10:30, next due 11:00: nothing yet");
        clock.set(ControlledClock.START.plus(Duration.ofHours(5))); // 15:30: 11, 12, 13, 14 and 15 o'clock missed
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (seen.pulses.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        Thread.sleep(4000); // the rhythm ticks every second: four more chances to pulse again
        assertEquals(1, seen.pulses.size(), "one pulse: " + seen.pulses.stream().map(Pulse::reason).toList());
        assertEquals(PulseReason.CATCH_UP, seen.pulses.get(0).reason());
        assertTrue(seen.skips.isEmpty(), "no overlap: " + seen.skips);
        assertEquals(1, log.stats().total());
    }
}
