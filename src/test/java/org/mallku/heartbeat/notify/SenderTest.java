package org.mallku.heartbeat.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.testing.LogCapture;
import org.mallku.heartbeat.testing.Receiver;
import org.mallku.heartbeat.testing.StalledReceiver;

/**
 * Senders against real local receivers: one stuck after its response headers (a raw socket that never sends the
 * body), one healthy, one that fails and then answers again. The stuck one is given up after its deadline with
 * one WARN, its connection closed, and holds neither the healthy one's notifications nor a shutdown past its time.
 */
class SenderTest {

    static final String TOKEN = "hook-token-77c1";
    static final Receiver HEALTHY = Receiver.start((request, earlier) -> 204);
    /** Answers 503 to the first four requests, then 200. */
    static final Receiver FLAKY = Receiver.start((request, earlier) -> earlier < 4 ? 503 : 200);
    static final LogCapture LOG = LogCapture.of("org.mallku.heartbeat.notify");

    @AfterAll
    static void stop() throws Exception {
        LOG.close();
        HEALTHY.stop();
        FLAKY.stop();
    }

    @Test
    void aStuckReceiverIsGivenUpWithOneWarningAndHoldsNoOther() throws Exception {
        StalledReceiver stalled = StalledReceiver.start();
        URI stuckUrl = URI.create(stalled.base() + "/hook/" + TOKEN);
        Sender stuck = new Sender("webhook stuck", stuckUrl);
        Sender fine = new Sender("webhook fine", URI.create(HEALTHY.base() + "/fine"));
        try {
            for (int i = 0; i < 3; i++) {
                stuck.send(post(stuckUrl, "stuck " + i));
            }
            await(() -> stalled.requests() == 1, "the first request reached the stuck receiver");
            fine.send(post(URI.create(HEALTHY.base() + "/fine"), "fine"));
            // three stuck notifications on one thread would hold it 30 s at least
            await(() -> HEALTHY.requests().size() == 1, "the healthy receiver's notification arrived");

            await(() -> !warnings("webhook stuck").isEmpty(), "a WARN about the stuck receiver");
            assertTrue(warnings("webhook stuck").get(0).contains("webhook stuck at " + stalled.base()
                    + " fails (no complete answer within 10 s)"), LOG.lines().toString());
            // given up, the first exchange's connection is closed, not left open
            await(() -> stalled.released() >= 1, "the stuck connection was closed");
            await(() -> stalled.released() >= 2, "the second notification given up too");
            assertEquals(List.of("stuck 0", "stuck 1"), List.copyOf(stalled.bodies()).subList(0, 2), "a deadline is not retried");
            assertTrue(stalled.requests() - stalled.released() <= 1, "one connection open at most, none leaked");
            assertEquals(1, warnings("webhook stuck").size(), "one WARN for the spell: " + LOG.lines());
            assertTrue(LOG.lines().stream().noneMatch(line -> line.contains(TOKEN)), LOG.lines().toString());
        } finally {
            Sender.close(List.of(stuck, fine), Duration.ofSeconds(1));
            stalled.close();
        }
    }

    @Test
    void aFailingReceiverIsWarnedAboutOnceAndItsRecoveryTold() throws Exception {
        URI url = URI.create(FLAKY.base() + "/ping");
        Sender flaky = new Sender("ping", url);
        try {
            flaky.send(post(url, "first")); // 503 three times: dropped, the spell starts
            flaky.send(post(url, "second")); // 503 once: dropped
            flaky.send(post(url, "third")); // 200
            await(() -> FLAKY.accepted().size() == 1, "the third arrived");
            assertEquals(List.of("first", "first", "first", "second", "third"),
                    FLAKY.requests().stream().map(Receiver.Request::text).toList(),
                    "retried while fine, one attempt each while failing");
            assertEquals(1, warnings("ping at " + FLAKY.base() + " fails (HTTP 503)").size(), LOG.lines().toString());
            await(() -> LOG.lines().stream().anyMatch(line -> line.contains("The ping at " + FLAKY.base()
                    + " answers again; 2 notification(s) were dropped")), "recovery told");
        } finally {
            Sender.close(List.of(flaky), Duration.ofSeconds(1));
        }
    }

    @Test
    void closingWithAStuckReceiverTakesNoLongerThanTheShutdownTimeout() throws Exception {
        StalledReceiver stalled = StalledReceiver.start();
        try {
            closeWithAStuckReceiver(stalled);
        } finally {
            stalled.close();
        }
    }

    private static void closeWithAStuckReceiver(StalledReceiver stalled) throws Exception {
        URI stuckUrl = URI.create(stalled.base() + "/late/" + TOKEN);
        Sender stuck = new Sender("webhook late", stuckUrl);
        Sender fine = new Sender("webhook on-time", URI.create(HEALTHY.base() + "/on-time"));
        stuck.send(post(stuckUrl, "held"));
        stuck.send(post(stuckUrl, "waiting"));
        await(() -> stalled.requests() == 1, "the first request reached the stuck receiver");
        fine.send(post(URI.create(HEALTHY.base() + "/on-time"), "on time"));

        long start = System.nanoTime();
        Sender.close(List.of(stuck, fine), Duration.ofSeconds(2));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // without the shutdown timeout, the stuck exchange alone would hold the close for its 10 s deadline
        assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "closed in " + took);
        assertTrue(HEALTHY.requests().stream().anyMatch(r -> r.path().equals("/on-time")), "the healthy one drained");
        assertTrue(LOG.lines().stream().anyMatch(line -> line.contains("The webhook late at " + stalled.base()
                + ": 2 notification(s) not sent within the shutdown timeout of 2 s")), LOG.lines().toString());
        await(() -> stalled.released() == 1, "the exchange cut at shutdown was closed");
        System.out.println("Closing with a stuck receiver took " + took.toMillis() + " ms");
    }

    private static HttpRequest post(URI url, String body) {
        return HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static List<String> warnings(String about) {
        return LOG.lines().stream().filter(line -> line.contains(about) && line.contains(" fails (")).toList();
    }

    /** Waits up to 15 s for {@code done}: milliseconds when all is well, so only a hang breaks it. */
    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 15 s: " + what + "; log: " + LOG.lines());
            Thread.sleep(20);
        }
    }
}
