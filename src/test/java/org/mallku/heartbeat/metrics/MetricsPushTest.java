package org.mallku.heartbeat.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mallku.heartbeat.testing.LogCapture;
import org.mallku.heartbeat.testing.Receiver;
import org.mallku.heartbeat.testing.StalledReceiver;
import org.mallku.heartbeat.testing.TestConfig;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/**
 * The push against real local receivers: one that accepts it, and one that sends the headers of its answer and
 * never the body, which the push gives up at its deadline instead of holding a single-pulse run's exit for good; and
 * one behind basic auth, given the credentials in the URL or in their keys, which never reach the log.
 */
class MetricsPushTest {

    @Test
    void aPushIsAccepted() {
        Receiver gateway = Receiver.start((request, earlier) -> 200);
        try {
            assertNull(MetricsPush.push(URI.create(gateway.base() + "/metrics/job/j/instance/i"), Optional.empty(), "mallku_heartbeat_up 1\n"));
            assertEquals("/metrics/job/j/instance/i", gateway.requests().get(0).path());
            assertEquals("mallku_heartbeat_up 1\n", gateway.requests().get(0).text());
        } finally {
            gateway.stop();
        }
    }

    static final String PASSWORD = "pa55-w0rd:with@signs";
    static final String EXPECTED = "Basic " + Base64.getEncoder().encodeToString(("pusher:" + PASSWORD)
            .getBytes(StandardCharsets.UTF_8));

    /** A Pushgateway behind basic auth: 401 without the right header. */
    static Receiver guardedGateway() {
        return Receiver.start((request, earlier) -> EXPECTED.equals(request.header("Authorization")) ? 200 : 401);
    }

    static MetricsPush push(Map<String, String> config) {
        return new MetricsPush(TestConfig.of(config), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** Everything logged while {@code push} runs, every logger. */
    static List<String> logged(Runnable push) {
        try (LogCapture capture = LogCapture.of("")) {
            push.run();
            return List.copyOf(capture.lines());
        }
    }

    static void neverThePassword(List<String> lines) {
        assertTrue(lines.stream().noneMatch(line -> line.contains("pa55") || line.contains("pusher")
                || line.contains(EXPECTED.substring(6))), "no credentials in the log: " + lines);
    }

    @Test
    void credentialsFromTheUrlGoAsABasicAuthHeaderAndNeverIntoTheLog() {
        Receiver gateway = guardedGateway();
        try {
            String url = gateway.base().replace("://", "://pusher:" + PASSWORD.replace("@", "%40").replace(":", "%3A") + "@");
            List<String> lines = logged(() -> push(Map.of("heartbeat.push.url", url, "heartbeat.push.instance", "i")).push());
            assertEquals(1, gateway.requests().size());
            assertEquals(200, gateway.requests().get(0).status(), "the gateway got the right header");
            assertEquals("/metrics/job/mallku_heartbeat/instance/i", gateway.requests().get(0).path());
            assertTrue(lines.stream().anyMatch(line -> line.contains("Metrics pushed to " + gateway.base() + " (job")), lines.toString());
            neverThePassword(lines);
        } finally {
            gateway.stop();
        }
    }

    @Test
    void credentialsFromTheirKeysGoAsABasicAuthHeaderAndNeverIntoTheLog() {
        Receiver gateway = guardedGateway();
        try {
            List<String> lines = logged(() -> push(Map.of("heartbeat.push.url", gateway.base(), "heartbeat.push.instance", "i",
                    "heartbeat.push.username", "pusher", "heartbeat.push.password", PASSWORD)).push());
            assertEquals(200, gateway.requests().get(0).status(), "the gateway got the right header");
            assertTrue(lines.stream().anyMatch(line -> line.contains("Metrics pushed to " + gateway.base())), lines.toString());
            neverThePassword(lines);
        } finally {
            gateway.stop();
        }
    }

    @Test
    void aRefusedOrUnreachableGatewayIsLoggedWithoutTheCredentials() {
        Receiver gateway = guardedGateway();
        String base = gateway.base();
        try {
            String url = base.replace("://", "://pusher:pa55-wrong@");
            List<String> lines = logged(() -> push(Map.of("heartbeat.push.url", url, "heartbeat.push.instance", "i")).push());
            assertEquals(401, gateway.requests().get(0).status());
            assertTrue(lines.stream().anyMatch(line -> line.contains("Pushing the metrics to " + base + " failed (HTTP 401)")),
                    lines.toString());
            neverThePassword(lines);
        } finally {
            gateway.stop();
        }
        List<String> lines = logged(() -> push(Map.of("heartbeat.push.url", base, "heartbeat.push.instance", "i",
                "heartbeat.push.username", "pusher", "heartbeat.push.password", PASSWORD)).push());
        assertTrue(lines.stream().anyMatch(line -> line.contains("Pushing the metrics to " + base + " failed")), lines.toString());
        neverThePassword(lines);
    }

    @Test
    void noCredentialsNoHeader() {
        assertEquals(Optional.empty(), MetricsPush.authorization(TestConfig.of(Map.of("heartbeat.push.url",
                "http://pushgateway:9091")).push()));
        assertEquals(Optional.of("Basic " + Base64.getEncoder().encodeToString("u:".getBytes(StandardCharsets.UTF_8))),
                MetricsPush.authorization(TestConfig.of(Map.of("heartbeat.push.url", "http://u@pushgateway:9091")).push()));
    }

    @Test
    @Timeout(60) // only a hang breaks it: the deadline is 10 s
    void aPushToAStuckGatewayIsGivenUpAtItsDeadline() throws Exception {
        StalledReceiver gateway = StalledReceiver.start();
        try {
            long start = System.nanoTime();
            String problem = MetricsPush.push(URI.create(gateway.base() + "/metrics/job/j/instance/i"), Optional.empty(), "mallku_heartbeat_up 1\n");
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
