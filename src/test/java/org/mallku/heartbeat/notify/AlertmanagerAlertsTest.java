package org.mallku.heartbeat.notify;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.health.HeartbeatHealth;
import org.mallku.heartbeat.health.HeartbeatHealth.Status;
import org.mallku.heartbeat.testing.Isolated;
import org.mallku.heartbeat.testing.Pulses;
import org.mallku.heartbeat.testing.TestProfileConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Alerts arrive in a real Alertmanager (Debian's prometheus-alertmanager, installed by deploy/install-tools.sh):
 * an alert pulse fires the low-consciousness alert with its labels and the pulse id, the next fine pulse
 * resolves it, a failed pulse fires the failed-pulse alert.
 */
@QuarkusTest
@WithTestResource(AlertmanagerAlertsTest.Alertmanager.class)
class AlertmanagerAlertsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Started and stopped by Quarkus once for the class: a static field would start one per class loader that
     * initialises the test class (JUnit's and Quarkus'), and stop only one of them.
     */
    public static class Alertmanager implements QuarkusTestResourceLifecycleManager {
        private Process process;
        private Path dir;

        @Override
        public Map<String, String> start() {
            Path binary = Path.of("/usr/bin/prometheus-alertmanager");
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException("Debian's prometheus-alertmanager is needed: bash deploy/install-tools.sh");
            }
            int port = Isolated.freePort();
            try {
                dir = Files.createTempDirectory("alertmanager-test");
                Files.writeString(dir.resolve("alertmanager.yml"), "route:\n  receiver: none\nreceivers:\n  - name: none\n");
                process = new ProcessBuilder(binary.toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
                        "--storage.path=" + dir, "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return TestProfileConfig.scoped(Map.of("heartbeat.alertmanager.url", "http://127.0.0.1:" + port));
        }

        @Override
        public void stop() {
            try {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The test resource's Alertmanager; read at run time: an injected property would be required by every test app. */
    private static String alertmanager() {
        return ConfigProvider.getConfig().getValue("heartbeat.alertmanager.url", String.class);
    }

    @Inject
    AlertmanagerAlerts alerts;

    @Test
    void anAlertPulseFiresTheNextFinePulseResolvesAFailedPulseFires() throws Exception {
        Predicate<JsonNode> isLow = a -> a.path("labels").path("alertname").asText().equals(AlertmanagerAlerts.LOW);
        var low = Pulses.scored(Instant.now(), 0.3);
        alerts.onPulse(low);
        JsonNode fired = await(isLow).get(0);
        assertEquals("mallku-heartbeat", fired.path("labels").path("service").asText());
        assertEquals("warning", fired.path("labels").path("severity").asText());
        assertEquals(low.id().toString(), fired.path("annotations").path("id").asText());
        assertTrue(fired.path("annotations").path("summary").asText().contains("0.30 below heartbeat.thresholds.alert"),
                fired.toString());

        alerts.onPulse(Pulses.scored(Instant.now(), 0.8));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (active().stream().anyMatch(isLow) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), active().stream().filter(isLow).toList(), "a fine pulse resolves it");

        alerts.onPulse(Pulses.failed(Instant.now()));
        JsonNode failed = await(a -> a.path("labels").path("alertname").asText().equals(AlertmanagerAlerts.FAILED)).get(0);
        assertEquals("critical", failed.path("labels").path("severity").asText());
        assertTrue(failed.path("annotations").path("summary").asText().endsWith("failed: insufficient_voices"),
                failed.toString());
        assertEquals("insufficient_voices", failed.path("annotations").path("failure_reason").asText(),
                "the pulse's fields, as the webhooks and the API name them");
        assertEquals("true", failed.path("annotations").path("alert_raised").asText());
        assertTrue(failed.path("annotations").path("consciousness_score").isMissingNode(), "no score, no annotation");
    }

    @Test
    void aSilentHeartbeatFiresUntilItIsNoLongerDown() throws Exception {
        Predicate<JsonNode> isSilent = a -> a.path("labels").path("alertname").asText().equals(AlertmanagerAlerts.SILENT);
        Instant now = Instant.now();
        alerts.check(new HeartbeatHealth(Status.DOWN, "no pulse with a result since then", now.minus(Duration.ofHours(8)),
                now.minus(Duration.ofHours(8)), Duration.ofHours(8), now.minus(Duration.ofHours(2)), 0));
        JsonNode silent = await(isSilent).get(0);
        assertEquals("critical", silent.path("labels").path("severity").asText());
        assertEquals("The Mallku heartbeat is down: no pulse with a result since then",
                silent.path("annotations").path("summary").asText());

        alerts.check(new HeartbeatHealth(Status.UP, "fine", now, now, Duration.ZERO, now.plus(Duration.ofHours(6)), 0));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (active().stream().anyMatch(isSilent) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), active().stream().filter(isSilent).toList(), "a pulse resolves it");
    }

    private List<JsonNode> await(Predicate<JsonNode> wanted) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            List<JsonNode> found = active().stream().filter(wanted).toList();
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not in Alertmanager: " + active());
    }

    private List<JsonNode> active() throws Exception {
        List<JsonNode> list = new ArrayList<>();
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(alertmanager() + "/api/v2/alerts?active=true&silenced=false&inhibited=false"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            JSON.readTree(body).forEach(list::add);
        } catch (IOException notUpYet) {
            // Alertmanager still starting
        }
        return list;
    }
}
