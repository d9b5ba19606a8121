package org.mallku.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.testing.Isolated;
import org.mallku.heartbeat.testing.Receiver;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/**
 * The packaged app in single-pulse mode pushes its metrics to a real Prometheus Pushgateway (Debian's
 * prometheus-pushgateway, installed by deploy/install-tools.sh) and delivers its signed webhook before it exits;
 * with the Pushgateway gone, the run says so once and exits as the pulse decided, without waiting long.
 */
@QuarkusMainIntegrationTest
@TestProfile(SinglePulsePushIT.Pushing.class)
class SinglePulsePushIT {

    static final Path DIR = Isolated.logFolder("push-it");
    static final int PORT = Isolated.freePort();
    static final Receiver RECEIVER = Receiver.start((request, earlier) -> 204);
    static Process pushgateway;

    public static class Pushing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Isolated.config(DIR, Map.of("heartbeat.mode", "single-pulse", "heartbeat.voices.offline.enabled", "true",
                    "heartbeat.push.url", "http://127.0.0.1:" + PORT, "heartbeat.push.instance", "push-it",
                    "heartbeat.webhooks.ops.url", RECEIVER.base() + "/hook",
                    "heartbeat.webhooks.ops.events", "pulse", "heartbeat.webhooks.ops.secret", "s3cret"));
        }
    }

    @AfterAll
    static void stop() {
        if (pushgateway != null) {
            pushgateway.destroy();
        }
        RECEIVER.stop();
    }

    @Test
    void aSinglePulsePushesItsMetricsAndAFailedPushChangesNothing(QuarkusMainLauncher launcher) throws Exception {
        Path binary = Path.of("/usr/bin/prometheus-pushgateway");
        assertTrue(Files.isExecutable(binary), "Debian's prometheus-pushgateway is needed: bash deploy/install-tools.sh");
        // its own persistence file: Debian's default is /var/lib/prometheus/pushgateway.data, the machine's
        pushgateway = new ProcessBuilder(binary.toString(), "--web.listen-address=127.0.0.1:" + PORT,
                "--persistence.file=" + DIR.resolveSibling(DIR.getFileName() + "-pushgateway.data"))
                .redirectErrorStream(true).redirectOutput(DIR.resolveSibling(DIR.getFileName() + "-pushgateway.log").toFile())
                .start();
        HttpClient http = HttpClient.newHttpClient();
        awaitReady(http);

        LaunchResult first = launcher.launch();
        assertEquals(0, first.exitCode(), first.getOutput());
        assertTrue(first.getOutput().contains("Metrics pushed to http://127.0.0.1:" + PORT
                + " (job mallku_heartbeat, instance push-it)"), first.getOutput());
        String pushed = get(http, "/metrics");
        String outcome;
        try (Stream<Path> files = Files.list(DIR)) {
            Path record = files.filter(f -> f.getFileName().toString().startsWith("heartbeat_")).findFirst().orElseThrow();
            outcome = new ObjectMapper().readTree(record.toFile()).get("outcome").asText();
        }
        assertTrue(pushed.contains("mallku_heartbeat_pulses_total{instance=\"push-it\",job=\"mallku_heartbeat\","
                + "outcome=\"" + outcome + "\",reason=\"single-pulse\"} 1\n"), "the recorded " + outcome + ": " + pushed);
        assertTrue(pushed.contains("mallku_heartbeat_pulses_total{instance=\"push-it\",job=\"mallku_heartbeat\","
                + "outcome=\"failed\",reason=\"single-pulse\"} 0"), "every series from the start: " + pushed);
        assertTrue(pushed.contains("push_time_seconds{instance=\"push-it\",job=\"mallku_heartbeat\"}"), pushed);
        assertEquals(1, RECEIVER.requests().size(), "the webhook was delivered before the run exited");
        Receiver.Request webhook = RECEIVER.requests().get(0);
        assertTrue(webhook.header("X-Mallku-Signature").matches("sha256=[0-9a-f]{64}"), webhook.headers().toString());
        assertTrue(webhook.text().matches("\\{\"id\":\".*\"event\":\"pulse\".*"), webhook.text());

        pushgateway.destroy();
        assertTrue(pushgateway.waitFor(10, TimeUnit.SECONDS));
        Instant start = Instant.now();
        LaunchResult second = launcher.launch(); // within the dedupe window: skipped, exit 0, push fails
        assertEquals(0, second.exitCode(), second.getOutput());
        assertTrue(second.getOutput().contains("Single pulse skipped"), second.getOutput());
        assertEquals(1, second.getOutput().split("Pushing the metrics to http://127.0.0.1:" + PORT, -1).length - 1,
                "said once: " + second.getOutput());
        assertTrue(Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(30)) < 0, "no long wait");
    }

    private static void awaitReady(HttpClient http) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            assertTrue(Instant.now().isBefore(deadline), "the Pushgateway started");
            Thread.sleep(100);
        }
    }

    private static String get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
