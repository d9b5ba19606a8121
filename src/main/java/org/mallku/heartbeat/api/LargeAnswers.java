package org.mallku.heartbeat.api;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

/**
 * At most {@link #AT_ONCE} answers that may hold a whole transcript are made at once (a pulse's record read from the
 * store, then its status page rendered or its JSON written); beyond, the answer is a 503 problem with Retry-After, at
 * once, rather than a queue that holds memory and threads. Without it, 100 concurrent views of one large transcript
 * at -Xmx256m ended in OutOfMemoryError.
 */
@Singleton
public class LargeAnswers {

    /**
     * The largest transcript the service can record is 40 replies (4 rounds of a circle of 10 voices, the most
     * heartbeat.voices.min may ask for) of at most 256 KiB each (ProviderChannel.MAX_REPLY_BYTES), 20 MB as text in
     * memory. Its page shows 32 Ki characters of each, up to 7.9 M characters once escaped (a '"' is 6), which the
     * renderer's growing buffer, the page's text and its encoded bytes hold at most about three times over: some 50
     * MB, with the record read from the log beside it while the page is made; its JSON (up to 6 bytes a character, 40 MB
     * at worst) about as much. Two at once stay near 140 MB, within a 256 MB heap with the service in it; a person
     * reading a page meets the limit only in such a flood.
     */
    static final int AT_ONCE = 2;

    private final Semaphore permits = new Semaphore(AT_ONCE);

    public <T> T make(Supplier<T> answer) {
        if (!permits.tryAcquire()) {
            throw new Problem(503, "Service unavailable", "Too many pulse records and pages are being made at once (at most "
                    + AT_ONCE + "); retry in a second", Map.of("Retry-After", "1"));
        }
        try {
            return answer.get();
        } finally {
            permits.release();
        }
    }
}
