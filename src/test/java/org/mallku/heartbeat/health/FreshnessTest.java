package org.mallku.heartbeat.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.health.Freshness.Status;

class FreshnessTest {

    static final Instant DUE = Instant.parse("2026-05-10T12:00:00Z");
    static final Duration GRACE = Duration.ofHours(1);

    @Test
    void beforeTheFirstPulseItIsNewUntilTheFirstDueTimePlusGrace() {
        assertEquals(Status.NEW, Freshness.of(null, DUE, GRACE, DUE.minusSeconds(60)).status());
        assertEquals(Status.NEW, Freshness.of(null, DUE, GRACE, DUE.plus(GRACE).minusSeconds(1)).status());
        assertEquals(Status.DOWN, Freshness.of(null, DUE, GRACE, DUE.plus(GRACE)).status());
        assertEquals(Status.NEW, Freshness.of(null, null, GRACE, DUE).status(), "nothing scheduled: nothing expected");
    }

    @Test
    void upUntilExpectedThenLateThenDownAfterTheGrace() {
        Instant last = DUE.minus(Duration.ofHours(1));
        Freshness up = Freshness.of(last, DUE, GRACE, DUE.minusSeconds(1));
        assertEquals(Status.UP, up.status());
        assertEquals(Duration.ofSeconds(3599), up.age());
        assertEquals(Status.LATE, Freshness.of(last, DUE, GRACE, DUE).status());
        assertEquals(Status.LATE, Freshness.of(last, DUE, GRACE, DUE.plus(GRACE).minusNanos(1)).status());
        Freshness down = Freshness.of(last, DUE, GRACE, DUE.plus(GRACE));
        assertEquals(Status.DOWN, down.status());
        assertEquals(DUE, down.expected());
    }

    @Test
    void withNothingScheduledAPulseIsAlwaysUp() {
        Freshness f = Freshness.of(DUE, null, GRACE, DUE.plus(Duration.ofDays(30)));
        assertEquals(Status.UP, f.status());
        assertNull(f.expected());
    }
}
