package org.mallku.heartbeat.voice.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The per-provider circuit: opens after repeated failures, lets one probe through after the delay. */
class CircuitBreakerTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofMinutes(10), clock);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertTrue(breaker.tryAcquire());
            breaker.onFailure();
        }
    }

    @Test
    void opensAfterRepeatedFailuresOnly() {
        fail(2);
        assertTrue(breaker.tryAcquire());
        breaker.onSuccess();
        fail(2);
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state(), "a success in between resets the count");
        fail(1);
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.admits());
        assertFalse(breaker.tryAcquire(), "skipped while open");
    }

    @Test
    void aSuccessfulHalfOpenProbeClosesTheCircuit() {
        fail(3);
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertTrue(breaker.admits());
        assertTrue(breaker.tryAcquire(), "the probe");
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertFalse(breaker.admits(), "only one probe at a time");
        assertFalse(breaker.tryAcquire());
        breaker.onSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire());
    }

    @Test
    void aFailedOrAbandonedProbeOpensItAgain() {
        fail(3);
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertTrue(breaker.tryAcquire());
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.admits(), "a fresh delay starts");
        assertEquals(clock.now.plus(Duration.ofMinutes(10)), breaker.retryAt());

        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertTrue(breaker.tryAcquire());
        breaker.onAbandoned();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "a probe cut off at the deadline did not succeed");
    }

    @Test
    void anAbandonedRequestWhileClosedIsNoVerdict() {
        fail(2);
        assertTrue(breaker.tryAcquire());
        breaker.onAbandoned();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertEquals(2, breaker.consecutiveFailures());
    }
}
