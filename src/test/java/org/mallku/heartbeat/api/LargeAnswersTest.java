package org.mallku.heartbeat.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

/** At most {@link LargeAnswers#AT_ONCE} pages are made at once; the next is a 503 with Retry-After, not a wait. */
class LargeAnswersTest {

    @Test
    void aRenderBeyondTheLimitIsRefusedAndTheLimitIsGivenBack() throws Exception {
        LargeAnswers renders = new LargeAnswers();
        CountDownLatch inside = new CountDownLatch(LargeAnswers.AT_ONCE);
        CountDownLatch finish = new CountDownLatch(1);
        List<CompletableFuture<String>> running = new ArrayList<>();
        for (int i = 0; i < LargeAnswers.AT_ONCE; i++) {
            running.add(CompletableFuture.supplyAsync(() -> renders.make(() -> {
                inside.countDown();
                await(finish);
                return "page";
            })));
        }
        inside.await();

        Problem refused = assertThrows(Problem.class, () -> renders.make(() -> "one too many"));
        Response answer = refused.toResponse();
        assertEquals(503, answer.getStatus());
        assertEquals("1", answer.getHeaderString("Retry-After"));
        assertTrue(refused.getMessage().contains("at most " + LargeAnswers.AT_ONCE), refused.getMessage());

        finish.countDown();
        for (CompletableFuture<String> page : running) {
            assertEquals("page", page.get());
        }
        assertEquals("next", renders.make(() -> "next"));
        // a page that fails gives its place back too
        for (int i = 0; i <= LargeAnswers.AT_ONCE; i++) {
            assertThrows(IllegalStateException.class, () -> renders.make(() -> {
                throw new IllegalStateException("broken template");
            }));
        }
        assertEquals("still served", renders.make(() -> "still served"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
