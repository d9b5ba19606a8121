package org.mallku.heartbeat.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseEngine;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.testing.Pulses;
import org.mallku.heartbeat.testing.Receiver;
import org.mallku.heartbeat.testing.TestProfileConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Pings arrive at a local receiver in the healthchecks.io convention: start, then success (the first attempt is
 * answered 500 and retried), and /fail for a failed pulse, each with a one-line summary.
 */
@QuarkusTest
@TestProfile(PingsTest.Pinging.class)
class PingsTest {

    /** The very first request is answered 500, to be retried. */
    static final Receiver RECEIVER = Receiver.start((request, earlier) -> earlier == 0 ? 500 : 200);

    public static class Pinging implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestProfileConfig.scoped(Map.of("heartbeat.ping.url", RECEIVER.base() + "/ping/abc/"));
        }
    }

    @AfterAll
    static void stop() {
        RECEIVER.stop();
    }

    @Inject
    PulseEngine engine;
    @Inject
    Pings pings;

    @Test
    void aPulseIsPingedAtItsStartAndEndAndAFailureAtFail() throws Exception {
        Pulse pulse = engine.trigger(PulseReason.MANUAL).orElseThrow().completion().get(30, TimeUnit.SECONDS);
        await(2);
        assertEquals("/ping/abc/start", received().get(0).path());
        assertEquals("Pulse " + pulse.id() + " (manual) started", received().get(0).text());
        assertEquals("/ping/abc", received().get(1).path(), "a result, whatever its score, is a success");
        assertTrue(received().get(1).text().startsWith("Pulse " + pulse.id() + " (manual) "), received().get(1).text());
        assertEquals(3, RECEIVER.requests().size(), "the first attempt was answered 500 and retried, once");

        Pulse failed = Pulses.failed(Instant.now());
        pings.onPulse(failed);
        await(3);
        assertEquals("/ping/abc/fail", received().get(2).path());
        assertEquals("Pulse " + failed.id() + " (daily) Morning Awakening -> failed, insufficient_voices",
                received().get(2).text());
    }

    private static List<Receiver.Request> received() {
        return RECEIVER.accepted();
    }

    private static void await(int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (received().size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertEquals(count, received().size(), "pings received: " + received());
    }
}
