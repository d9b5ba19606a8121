package org.mallku.heartbeat.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.health.HeartbeatHealth;
import org.mallku.heartbeat.health.HeartbeatHealth.Status;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseEngine;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.testing.Isolated;
import org.mallku.heartbeat.testing.LogCapture;
import org.mallku.heartbeat.testing.Pulses;
import org.mallku.heartbeat.testing.Receiver;
import org.mallku.heartbeat.testing.Receiver.Request;
import org.mallku.heartbeat.testing.StalledReceiver;
import org.mallku.heartbeat.testing.TestProfileConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Webhooks arrive at a local receiver: a signed JSON webhook that takes every event (its first request is answered
 * 503 and retried with the same event id), a Slack-format one that takes the problems and their end, and one whose
 * receiver refuses everything: it is tried once each time, warned about once, and its URL's token appears in no log;
 * and one whose receiver sends the headers of its answers and never the body: given up after the deadline, with one
 * warning, it holds up none of the others.
 */
@QuarkusTest
@TestProfile(WebhooksTest.Hooked.class)
class WebhooksTest {

    static final String SECRET = "webhook-secret-3f9a";
    static final String TOKEN = "T000-B000-tokenXYZ";

    static final AtomicBoolean OPS_ASKED = new AtomicBoolean();
    /** The "gone" webhook is refused (404); the first request to "ops" is answered 503, to be retried. */
    static final Receiver RECEIVER = Receiver.start((request, earlier) -> request.path().startsWith("/services/") ? 404
            : request.path().equals("/ops") && !OPS_ASKED.getAndSet(true) ? 503 : 200);
    static final StalledReceiver STALLED = StalledReceiver.start();
    static final LogCapture LOG = LogCapture.of("org.mallku.heartbeat.notify");
    static final List<String> LOGGED = LOG.lines();

    public static class Hooked implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String base = RECEIVER.base();
            Map<String, String> config = new HashMap<>(Map.of(
                    // a history of its own, and every score ok: the events each pulse makes are known
                    "heartbeat.log-path", Isolated.logFolder("webhooks-test").toString(),
                    "heartbeat.thresholds.alert", "0", "heartbeat.thresholds.celebration", "1",
                    "heartbeat.webhooks.ops.url", base + "/ops",
                    "heartbeat.webhooks.ops.events", "pulse,alert,celebration,failed,down,recovered",
                    "heartbeat.webhooks.ops.secret", SECRET,
                    "heartbeat.webhooks.chat.url", base + "/chat",
                    "heartbeat.webhooks.chat.format", "slack",
                    "heartbeat.webhooks.gone.url", base + "/services/" + TOKEN,
                    "heartbeat.webhooks.gone.events", "pulse"));
            config.put("heartbeat.webhooks.stuck.url", STALLED.base() + "/hooks/" + TOKEN);
            config.put("heartbeat.webhooks.stuck.events", "pulse");
            return TestProfileConfig.scoped(config);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        RECEIVER.stop();
        STALLED.close();
        LOG.close();
    }

    @Inject
    PulseEngine engine;
    @Inject
    Webhooks webhooks;

    @Test
    void eventsArriveSignedInOrderWithStableIdsAndNoSecretAnywhere() throws Exception {
        Pulse pulse = engine.trigger(PulseReason.MANUAL).orElseThrow().completion().get(30, TimeUnit.SECONDS);
        Request first = await("/ops", 1).get(0);
        JsonNode event = json(first);
        assertEquals("pulse", event.path("event").asText());
        assertEquals(pulse.id().toString(), event.path("pulse").path("id").asText());
        assertEquals(pulse.outcome().label(), event.path("pulse").path("outcome").asText());
        assertEquals("mallku-heartbeat", event.path("service").asText());
        assertEquals(event.path("id").asText(), first.headers().get("x-mallku-event-id"));
        assertEquals("pulse", first.headers().get("x-mallku-event"));
        assertEquals(hmac(first.body()), first.headers().get("x-mallku-signature"), "signed with the secret");
        Request refused = RECEIVER.requests().stream().filter(r -> r.status() == 503).findFirst().orElseThrow();
        assertEquals(refused.header("x-mallku-event-id"), first.header("x-mallku-event-id"),
                "retried after a 503, with the same id");

        Pulse failed = Pulses.failed(Instant.now());
        webhooks.onPulse(failed);
        Pulse fine = Pulses.scored(Instant.now(), 0.7);
        webhooks.onPulse(fine);
        HeartbeatHealth down = new HeartbeatHealth(Status.DOWN, "no pulse with a result since then", fine.startedAt(),
                fine.startedAt(), Duration.ofHours(3), Instant.now().minusSeconds(7200), 0);
        webhooks.check(down);
        webhooks.check(down);

        List<Request> ops = await("/ops", received -> "down".equals(received.headers().get("x-mallku-event")));
        assertEquals(List.of("pulse", "pulse", "failed", "pulse", "recovered", "down"),
                ops.stream().map(received -> received.headers().get("x-mallku-event")).toList(),
                "in order, one down event for one down spell");
        assertEquals(failed.id().toString(), json(ops.get(1)).path("pulse").path("id").asText());
        JsonNode failedEvent = json(ops.get(2));
        assertEquals("insufficient_voices", failedEvent.path("pulse").path("failure_reason").asText());
        assertTrue(failedEvent.path("pulse").path("consciousness_score").isNull());
        JsonNode downEvent = json(ops.get(5));
        assertEquals("down", downEvent.path("health").path("status").asText());
        assertEquals("no pulse with a result since then", downEvent.path("health").path("reason").asText());
        assertEquals(3600, downEvent.path("health").path("grace_seconds").asInt());
        assertEquals("Mallku heartbeat is down: no pulse with a result since then", downEvent.path("summary").asText());
        assertTrue(failedEvent.path("pulse").path("alert_raised").asBoolean());
        for (Request received : ops) {
            assertEquals(hmac(received.body()), received.headers().get("x-mallku-signature"));
            assertFalse(new String(received.body()).contains(SECRET), "the secret is never in a body");
        }

        List<Request> chat = await("/chat", received -> "down".equals(received.headers().get("x-mallku-event")));
        assertEquals(List.of("failed", "recovered", "down"),
                chat.stream().map(received -> received.headers().get("x-mallku-event")).toList(),
                "the default events: the problems and their end");
        JsonNode text = json(chat.get(0));
        assertEquals(1, text.size(), "a Slack message is {\"text\": ...}");
        assertTrue(text.path("text").asText().startsWith("Mallku heartbeat: a pulse failed: Pulse " + failed.id()),
                text.toString());
        assertNull(chat.get(0).headers().get("x-mallku-signature"), "no secret, no signature");

        assertEquals(List.of(), RECEIVER.accepted().stream().filter(received -> received.path().startsWith("/services/"))
                .toList());
        Instant deadline = Instant.now().plusSeconds(10);
        while (refused() < 3 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertEquals(3, refused(), "three pulse events, each refused once: a 404 is not retried");
        assertEquals(1, gone(), "one warning while it keeps refusing: " + LOGGED);

        // the stuck webhook held none of the above; its first event is given up after the 10 s deadline
        deadline = Instant.now().plusSeconds(20);
        while (stuck().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertEquals(1, stuck().size(), LOGGED.toString());
        assertTrue(stuck().get(0).contains("The webhook stuck at " + STALLED.base() + " fails (no complete answer within"),
                stuck().toString());
        assertTrue(LOGGED.stream().noneMatch(line -> line.contains(TOKEN) || line.contains(SECRET)), LOGGED.toString());
    }

    private static long refused() {
        return RECEIVER.requests().stream().filter(r -> r.status() == 404).count();
    }

    private static long gone() {
        return LOGGED.stream().filter(line -> line.contains("webhook gone")).count();
    }

    private static List<String> stuck() {
        return LOGGED.stream().filter(line -> line.contains("webhook stuck")).toList();
    }

    private static JsonNode json(Request request) throws IOException {
        return new ObjectMapper().readTree(request.body());
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(), "HmacSHA256"));
        StringBuilder hex = new StringBuilder("sha256=");
        for (byte b : mac.doFinal(body)) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    private static List<Request> await(String path, int count) throws InterruptedException {
        return await(path, received -> RECEIVER.accepted().stream().filter(r -> r.path().equals(path)).count() >= count);
    }

    /** What arrived at {@code path} once one of them matches {@code last}. */
    private static List<Request> await(String path, Predicate<Request> last) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<Request> got = List.of();
        while (Instant.now().isBefore(deadline)) {
            got = RECEIVER.accepted().stream().filter(received -> received.path().equals(path)).toList();
            if (got.stream().anyMatch(last)) {
                return got;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing as expected arrived at " + path + ": " + got.size() + " requests");
    }
}
