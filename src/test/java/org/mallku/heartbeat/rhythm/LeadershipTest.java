package org.mallku.heartbeat.rhythm;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.pulse.PulseSkipped;
import org.mallku.heartbeat.pulse.Replicas.Claim;
import org.mallku.heartbeat.testing.PreparedLog;
import org.mallku.heartbeat.testing.SwitchableReplicas;
import org.mallku.heartbeat.testing.TestProfileConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The rhythm of one replica among several, with the others played by {@link SwitchableReplicas}: a follower does
 * not pulse; on taking the lead it serves the missed due time once and then claims each due time of the grid,
 * never one twice; a due time claimed elsewhere is skipped and counted, not run.
 */
@QuarkusTest
@TestProfile(LeadershipTest.Follower.class)
class LeadershipTest {

    public static class Follower implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestProfileConfig.scoped(Map.of("heartbeat.daily-pulse.enabled", "false",
                    "heartbeat.pulse-interval", "2s", "heartbeat.check-in-duration", "1s"));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PreparedLog.class, Map.of("age", "PT1H")));
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(SwitchableReplicas.class);
        }
    }

    @Inject
    PulseMemory memory;
    @Inject
    SwitchableReplicas replicas;

    @Test
    void aFollowerWaitsALeaderServesTheMissedDueTimeOnceThenClaimsEachDueTime() throws Exception {
        Thread.sleep(3000);
        assertEquals(1, memory.history().counts().total(), "a follower does not pulse, nor catch up");
        assertTrue(replicas.claims.isEmpty());
        assertTrue(metrics().contains("\nmallku_heartbeat_leader 0.0"));

        Instant tookLead = Instant.now();
        replicas.leads = true;
        await(() -> memory.history().counts().total() >= 3, "the missed due time served, then the next");
        List<Claim> claims = List.copyOf(replicas.claims);
        // the missed due time is served once: by a catch-up pulse, or by its own pulse when it falls on that very tick
        Claim first = claims.get(0);
        assertFalse(first.due().isAfter(tookLead.plusSeconds(1)), "the first claim serves the missed due time: " + claims);
        assertTrue(first.catchUp(), "and may take over a dead predecessor's unrecorded claim: " + claims);
        assertTrue(Set.of(PulseReason.CATCH_UP, PulseReason.INTERVAL)
                .contains(memory.history().recent().get(memory.history().recent().size() - 2).reason()));
        assertTrue(claims.stream().skip(1).noneMatch(Claim::catchUp), "caught up once at most: " + claims);
        for (int i = 0; i < claims.size(); i++) {
            assertEquals(0, claims.get(i).due().getEpochSecond() % 2, "due times of the 2 s grid: " + claims);
            assertTrue(i == 0 || claims.get(i).due().isAfter(claims.get(i - 1).due()), "no due time twice: " + claims);
        }

        replicas.refuseClaims = PulseSkipped.Cause.CLAIMED;
        Thread.sleep(500); // a pulse in flight may still land
        long total = memory.history().counts().total();
        int asked = replicas.claims.size();
        await(() -> replicas.claims.size() >= asked + 2, "two more due times asked for");
        assertEquals(total, memory.history().counts().total(), "due times claimed elsewhere are not run");
        assertTrue(metrics().contains("mallku_heartbeat_pulses_skipped_total{cause=\"claimed\"}"),
                "counted as skipped");
        assertFalse(metrics().contains("mallku_heartbeat_pulses_skipped_total{cause=\"claimed\"} 0.0"));

        replicas.leads = false;
        Thread.sleep(1500);
        int asFollower = replicas.claims.size();
        Thread.sleep(2500);
        assertEquals(asFollower, replicas.claims.size(), "a replica that lost the lead claims nothing");
    }

    private static String metrics() {
        return given().get("/metrics").then().statusCode(200).extract().asString();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 15 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
