package org.mallku.heartbeat.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one redaction of a URL: scheme, host and port, never a user part, path, query or fragment. */
class UrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://user:secret@pushgateway:9091/path?x=1#f|http://pushgateway:9091",
            "https://hc-ping.com/5a2c6f1e-uuid|https://hc-ping.com",
            "https://hooks.slack.com/services/T0/B0/token|https://hooks.slack.com",
            "HTTPS://API.OpenAI.com/v1?key=sk-abc|https://api.openai.com",
            "http://[::1]:8080/x|http://[::1]:8080",
            "pushgateway:9091|pushgateway://(no host)",
            "http://user:secret@bad_host:9091/|http://(no host)",
            "/relative/secret|(no host)",
    })
    void anOriginOnly(String url, String origin) {
        assertEquals(origin, Urls.origin(URI.create(url)));
        assertEquals(origin, Urls.origin(url));
    }

    @Test
    void textThatIsNoUrlIsNotShown() {
        assertEquals("(not a URL)", Urls.origin("http://exa mple/sec ret"));
        assertEquals("(none)", Urls.origin((String) null));
    }

    @Test
    void aRequestUrlLosesItsUserPartOnly() {
        assertEquals(URI.create("http://pushgateway:9091/metrics/job/j"),
                Urls.withoutUserInfo(URI.create("http://us%40er:se:cr%2Fet@pushgateway:9091/metrics/job/j")));
        URI plain = URI.create("https://pushgateway/metrics?x=a@b");
        assertEquals(plain, Urls.withoutUserInfo(plain));
    }
}
