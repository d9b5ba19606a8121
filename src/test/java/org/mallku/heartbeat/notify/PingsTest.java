package org.mallku.heartbeat.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseEngine;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.testing.Pulses;
import org.mallku.heartbeat.testing.TestProfileConfig;

import com.sun.net.httpserver.HttpServer;

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

    record Received(String path, String body) {
    }

    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    static final AtomicInteger REQUESTS = new AtomicInteger();
    static final HttpServer RECEIVER = receiver();

    public static class Pinging implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestProfileConfig.scoped(Map.of("heartbeat.ping.url",
                    "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/ping/abc/"));
        }
    }

    static HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = REQUESTS.incrementAndGet() == 1 ? 500 : 200; // the very first one is retried
                if (status == 200) {
                    RECEIVED.add(new Received(exchange.getRequestURI().getPath(), body));
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        RECEIVER.stop(0);
    }

    @Inject
    PulseEngine engine;
    @Inject
    Pings pings;

    @Test
    void aPulseIsPingedAtItsStartAndEndAndAFailureAtFail() throws Exception {
        Pulse pulse = engine.trigger(PulseReason.MANUAL).orElseThrow().completion().get(30, TimeUnit.SECONDS);
        await(2);
        assertEquals("/ping/abc/start", RECEIVED.get(0).path());
        assertEquals("Pulse " + pulse.id() + " (manual) started", RECEIVED.get(0).body());
        assertEquals("/ping/abc", RECEIVED.get(1).path(), "a result, whatever its score, is a success");
        assertTrue(RECEIVED.get(1).body().startsWith("Pulse " + pulse.id() + " (manual) "), RECEIVED.get(1).body());
        assertEquals(3, REQUESTS.get(), "the first attempt was answered 500 and retried, once");

        Pulse failed = Pulses.failed(Instant.now());
        pings.onPulse(failed);
        await(3);
        assertEquals("/ping/abc/fail", RECEIVED.get(2).path());
        assertEquals("Pulse " + failed.id() + " (daily) Morning Awakening -> failed, insufficient_voices",
                RECEIVED.get(2).body());
    }

    private static void await(int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (RECEIVED.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertEquals(count, RECEIVED.size(), "pings received: " + RECEIVED);
    }
}
