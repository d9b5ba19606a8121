package org.mallku.heartbeat.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.health.HeartbeatHealth.Status;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.testing.Pulses;

class HeartbeatHealthTest {

    static final Instant START = Instant.parse("2026-05-10T08:00:00Z");
    static final Duration GRACE = Duration.ofHours(1);
    /** A pulse every 4 h: the next one is due 4 h after the newest pulse with a result, or after the start. */
    static final Function<Instant, Optional<Instant>> EVERY_4H = last -> Optional.of((last == null ? START : last)
            .plus(Duration.ofHours(4)));

    static HeartbeatHealth at(Instant now, Pulse... oldestFirst) {
        return at(now, Optional.empty(), oldestFirst);
    }

    static HeartbeatHealth at(Instant now, Optional<String> cannotWork, Pulse... oldestFirst) {
        PulseHistory history = PulseHistory.EMPTY;
        for (Pulse pulse : oldestFirst) {
            history = history.plus(pulse);
        }
        return HeartbeatHealth.judge(history, EVERY_4H, GRACE, cannotWork, now);
    }

    static Instant h(double hours) {
        return START.plus(Duration.ofMinutes((long) (hours * 60)));
    }

    @Test
    void newUntilTheFirstDueTimePlusGraceThenDown() {
        assertEquals(Status.NEW, at(h(1)).status());
        assertEquals(Status.NEW, at(h(4.9)).status(), "late, but nothing ever came: still new within the grace");
        HeartbeatHealth down = at(h(5));
        assertEquals(Status.DOWN, down.status());
        assertTrue(down.reason().startsWith("no pulse with a result yet; one was expected by " + h(4)), down.reason());
        HeartbeatHealth nothing = HeartbeatHealth.judge(PulseHistory.EMPTY, last -> Optional.empty(), GRACE,
                Optional.empty(), h(100));
        assertEquals(Status.NEW, nothing.status(), "nothing scheduled: nothing expected");
    }

    @Test
    void upUntilExpectedThenLateThenDownAfterTheGrace() {
        Pulse good = Pulses.scored(h(1), 0.7);
        HeartbeatHealth up = at(h(4.5), good);
        assertEquals(Status.UP, up.status());
        assertEquals(Duration.ofMinutes(210), up.age());
        assertEquals("the last pulse had a result, 3 h 30 min ago; the next is expected by " + h(5), up.reason());
        HeartbeatHealth late = at(h(5.5), good);
        assertEquals(Status.LATE, late.status());
        assertEquals("the pulse expected by " + h(5) + " is 30 min late; down after a grace of 1 h", late.reason());
        assertEquals(Status.DOWN, at(h(6), good).status());
        assertEquals(h(5), at(h(6), good).expected());
    }

    @Test
    void theNewestPulseFailedIsFailingWhateverItsAge() {
        Pulse good = Pulses.scored(h(1), 0.7);
        Pulse failed = Pulses.failed(h(2));
        HeartbeatHealth failing = at(h(2.1), good, failed);
        assertEquals(Status.FAILING, failing.status(), "fresh in time, but the newest pulse has no result");
        assertTrue(failing.bad());
        assertEquals("the newest pulse failed: insufficient_voices: Only 1 distinct voice(s) available;"
                + " heartbeat.voices.min is 2", failing.reason());
        assertEquals(h(1), failing.lastResult(), "freshness is counted from the pulse with a result");
        assertEquals(h(2), failing.lastPulse());

        HeartbeatHealth three = at(h(3), good, failed, Pulses.failed(h(2.5)), Pulses.failed(h(2.9)));
        assertEquals(Status.FAILING, three.status());
        assertEquals(3, three.failingInARow());
        assertTrue(three.reason().startsWith("the newest 3 pulses failed: insufficient_voices"), three.reason());

        assertEquals(Status.UP, at(h(3.1), good, failed, Pulses.scored(h(3), 0.6)).status(), "a result heals it");
    }

    @Test
    void failedPulsesNeverMakeItFreshAndDownSaysWhyTheyFailed() {
        HeartbeatHealth down = at(h(6.5), Pulses.scored(h(1), 0.7), Pulses.failed(h(5)), Pulses.failed(h(6)));
        assertEquals(Status.DOWN, down.status(), "the pulse expected by 05:00 never had a result");
        assertTrue(down.reason().contains("no pulse with a result since " + h(1) + " (5 h 30 min ago)"), down.reason());
        assertTrue(down.reason().endsWith("the newest 2 pulses failed: insufficient_voices: Only 1 distinct voice(s)"
                + " available; heartbeat.voices.min is 2"), down.reason());
    }

    @Test
    void aServiceThatCannotFormACircleIsFailingFromTheStart() {
        Optional<String> why = Optional.of("only 0 distinct voices are configured and heartbeat.voices.min is 2");
        HeartbeatHealth before = at(h(0.1), why);
        assertEquals(Status.FAILING, before.status(), "before any pulse");
        assertEquals(why.get(), before.reason());
        assertNull(before.lastPulse());
        assertEquals(Status.FAILING, at(h(1.1), why, Pulses.scored(h(1), 0.8)).status(),
                "an old result does not hide that no new one can come");
    }
}
