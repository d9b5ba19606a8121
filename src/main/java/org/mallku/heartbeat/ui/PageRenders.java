package org.mallku.heartbeat.ui;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import org.mallku.heartbeat.api.Problem;

/**
 * At most {@link #AT_ONCE} pages of the status page are made at once (read, rendered, encoded); beyond, the answer is
 * a 503 problem with Retry-After, at once, rather than a queue that holds memory and threads.
 */
@Singleton
class PageRenders {

    /**
     * The largest transcript the service can record is 40 replies (4 rounds of a circle of 10 voices, the most
     * heartbeat.voices.min may ask for) of at most 256 KiB each (ProviderChannel.MAX_REPLY_BYTES), 20 MB as text in
     * memory. Its page shows 32 Ki characters of each, up to 7.9 M characters once escaped (a '"' is 6), which the
     * renderer's growing buffer, the page's text and its encoded bytes hold at most about three times over: some 50
     * MB, with the record read from the log beside it while the page is made. Two at once stay near 140 MB, within a
     * 256 MB heap with the service in it; a person reading the page meets the limit only in such a flood.
     */
    static final int AT_ONCE = 2;

    private final Semaphore permits = new Semaphore(AT_ONCE);

    String render(Supplier<String> page) {
        if (!permits.tryAcquire()) {
            throw new Problem(503, "Service unavailable", "Too many status pages are being made at once (at most "
                    + AT_ONCE + "); retry in a second", Map.of("Retry-After", "1"));
        }
        try {
            return page.get();
        } finally {
            permits.release();
        }
    }
}
