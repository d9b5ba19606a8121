package org.mallku.heartbeat.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The signature a receiver checks, and chat text that model output cannot turn into markup or mentions. */
class WebhookSigningTest {

    @Test
    void theSignatureIsTheHexHmacSha256OfTheBody() {
        // RFC 4231-style known answer, the widely published HMAC-SHA256 example
        assertEquals("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", Webhooks.signature("key",
                "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void chatTextEscapesSlackMarkupAndBreaksMentions() {
        assertEquals("&lt;!channel&gt; look &amp; see @\u200Beveryone &lt;https://x.example|click&gt;",
                Webhooks.chatText("<!channel> look & see @everyone <https://x.example|click>"));
    }
}
