package org.mallku.heartbeat.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mallku.heartbeat.testing.Receiver;
import org.mallku.heartbeat.testing.StalledReceiver;

/**
 * The push against real local receivers: one that accepts it, and one that sends the headers of its answer and
 * never the body, which the push gives up at its deadline instead of holding a single-pulse run's exit for good.
 */
class MetricsPushTest {

    @Test
    void aPushIsAccepted() {
        Receiver gateway = Receiver.start((request, earlier) -> 200);
        try {
            assertNull(MetricsPush.push(URI.create(gateway.base() + "/metrics/job/j/instance/i"), "mallku_heartbeat_up 1\n"));
            assertEquals("/metrics/job/j/instance/i", gateway.requests().get(0).path());
            assertEquals("mallku_heartbeat_up 1\n", gateway.requests().get(0).text());
        } finally {
            gateway.stop();
        }
    }

    @Test
    @Timeout(60) // only a hang breaks it: the deadline is 10 s
    void aPushToAStuckGatewayIsGivenUpAtItsDeadline() throws Exception {
        StalledReceiver gateway = StalledReceiver.start();
        try {
            long start = System.nanoTime();
            String problem = MetricsPush.push(URI.create(gateway.base() + "/metrics/job/j/instance/i"), "mallku_heartbeat_up 1\n");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals("no complete answer within 10 s", problem);
            assertEquals(1, gateway.requests());
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (gateway.released() == 0) {
                assertTrue(System.nanoTime() < deadline, "the stuck connection was closed within 15 s");
                Thread.sleep(20);
            }
            System.out.println("A push to a stuck gateway was given up after " + took.toMillis() + " ms");
        } finally {
            gateway.close();
        }
    }
}
