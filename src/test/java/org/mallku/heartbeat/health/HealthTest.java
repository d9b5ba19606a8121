package org.mallku.heartbeat.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseEngine;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.rhythm.Rhythm;
import org.mallku.heartbeat.testing.ControlledClock;
import org.mallku.heartbeat.testing.TestProfileConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Freshness through its states with a clock the test moves, and the Kubernetes probes beside it. The rhythm is
 * paused, as if it were stuck, so that no pulse comes to the rescue.
 */
@QuarkusTest
@TestProfile(HealthTest.Hourly.class)
class HealthTest {

    public static class Hourly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestProfileConfig.scoped(Map.of("heartbeat.daily-pulse.enabled", "false",
                    "heartbeat.pulse-interval", "1h", "heartbeat.freshness.grace", "1h",
                    "heartbeat.log-path", "target/health-test-" + UUID.randomUUID()));
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ControlledClock.class);
        }
    }

    @Inject
    ControlledClock clock;
    @Inject
    PulseEngine engine;
    @Inject
    Rhythm rhythm;

    Pulse pulse() throws Exception {
        return engine.trigger(PulseReason.MANUAL).orElseThrow().completion().get(30, TimeUnit.SECONDS);
    }

    void heartbeat(int http, String status) {
        given().get("/health/heartbeat").then()
                .statusCode(http)
                .body("checks[0].name", equalTo("heartbeat"))
                .body("checks[0].data.status", equalTo(status));
    }

    void probesUp() {
        given().get("/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void newUpLateDownAndUpAgain() throws Exception {
        rhythm.pause();
        try {
            walkFromNewToDownAndBack();
        } finally {
            rhythm.resume();
            clock.set(ControlledClock.START);
        }
    }

    private void walkFromNewToDownAndBack() throws Exception {
        Instant start = ControlledClock.START; // 10:30; the hourly grid expects 11:00
        heartbeat(200, "new");
        given().get("/health/heartbeat").then()
                .body("checks[0].data.expected_next_pulse", equalTo("2026-05-10T11:00:00Z"))
                .body("checks[0].data", not(hasKey("last_pulse")));

        Pulse first = pulse();
        heartbeat(200, "up");
        given().get("/health/heartbeat").then()
                .body("checks[0].data.last_pulse", equalTo(start.toString()))
                .body("checks[0].data.age_seconds", equalTo(0))
                .body("checks[0].data.last_outcome", equalTo(first.outcome().label()));

        clock.set(Instant.parse("2026-05-10T11:00:30Z"));
        heartbeat(200, "late");
        probesUp();

        clock.set(Instant.parse("2026-05-10T12:00:00Z"));
        heartbeat(503, "down");
        given().get("/health/heartbeat").then().body("checks[0].data.age_seconds", equalTo(5400));
        probesUp(); // a stale heartbeat must not restart the pod, nor take it out of service

        pulse();
        heartbeat(200, "up");
        given().get("/health/heartbeat").then()
                .body("checks[0].data.expected_next_pulse", equalTo("2026-05-10T13:00:00Z"));
    }

    /** The probes and metrics are read-only: TRACE (which would echo a request back), POST and the rest get 405. */
    @Test
    void probesAndMetricsServeOnlyGetAndHead() {
        for (String path : new String[] { "/health", "/health/live", "/health/heartbeat", "/metrics" }) {
            for (String method : new String[] { "TRACE", "POST", "DELETE" }) {
                given().request(method, path).then()
                        .statusCode(405)
                        .header("Allow", "GET, HEAD")
                        .contentType("application/problem+json")
                        .body("detail", equalTo(method + " is not served here; use GET"));
            }
            given().head(path).then().statusCode(given().get(path).statusCode()).body(emptyString());
        }
        given().request("TRACE", "/heartbeat").then().statusCode(405);
    }

    @Test
    void livenessSaysTheSchedulerTicks() throws InterruptedException {
        // the rhythm ticks every second: a tick is seen soon (another test may just have resumed it), and from then
        // on, over three seconds, never more than a second (a busy machine) passes without one
        Instant deadline = Instant.now().plusSeconds(5);
        while (sinceTick() > 0) {
            assertTrue(Instant.now().isBefore(deadline), "no tick within 5 s");
            Thread.sleep(50);
        }
        int most = 0;
        for (Instant end = Instant.now().plusSeconds(3); Instant.now().isBefore(end); Thread.sleep(100)) {
            most = Math.max(most, sinceTick());
        }
        assertTrue(most <= 1, "seconds since the last tick reached " + most);
    }

    private static int sinceTick() {
        return given().get("/health/live").then()
                .statusCode(200)
                .body("checks[0].name", equalTo("scheduler"))
                .body("checks[0].data.running", equalTo(true))
                .extract().path("checks[0].data.seconds_since_tick");
    }
}
