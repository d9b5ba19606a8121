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

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.pulse.PulseSkipped;
import org.mallku.heartbeat.testing.ControlledClock;
import org.mallku.heartbeat.testing.TestProfileConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A wall clock that is stepped: back three hours, the next due time is recomputed from the new time (it stayed
 * three hours away); forward five hours (a VM resumed, an NTP step), one catch-up pulse, not five.
 */
@QuarkusTest
@TestProfile(ClockJumpTest.Hourly.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
    PulseMemory log;
    @Inject
    Seen seen;
    @Inject
    Rhythm rhythm;

    @Test
    @Order(1)
    void aStepBackRecomputesTheNextDueTime() throws InterruptedException {
        assertEquals(Instant.parse("2026-05-10T11:00:00Z"), rhythm.view().next().at(), "10:30, next due 11:00");
        clock.set(ControlledClock.START.minus(Duration.ofHours(3))); // 07:30

        Instant eight = Instant.parse("2026-05-10T08:00:00Z");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!eight.equals(rhythm.view().next().at()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(eight, rhythm.view().next().at(), "the next due time follows the clock back");
        clock.set(eight.plusSeconds(1));
        awaitPulses(1);
        assertEquals(PulseReason.INTERVAL, seen.pulses.get(0).reason());
        assertEquals(Instant.parse("2026-05-10T09:00:00Z"), rhythm.view().next().at());
    }

    @Test
    @Order(2)
    void aForwardJumpOverFiveSlotsIsOneCatchUpPulse() throws InterruptedException {
        seen.pulses.clear();
        long before = log.history().counts().total();
        // 08:00:01, next due 09:00; to 13:00:01: 9, 10, 11, 12 and 13 o'clock missed
        clock.set(clock.instant().plus(Duration.ofHours(5)));
        awaitPulses(1);
        Thread.sleep(4000); // the rhythm ticks every second: four more chances to pulse again
        assertEquals(1, seen.pulses.size(), "one pulse: " + seen.pulses.stream().map(Pulse::reason).toList());
        assertEquals(PulseReason.CATCH_UP, seen.pulses.get(0).reason());
        assertTrue(seen.skips.isEmpty(), "no overlap: " + seen.skips);
        assertEquals(before + 1, log.history().counts().total());
    }

    private void awaitPulses(int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (seen.pulses.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(count, seen.pulses.size(), "pulses: " + seen.pulses.stream().map(Pulse::reason).toList());
    }
}
