package org.mallku.heartbeat.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.pulse.PulseSkipped;
import org.mallku.heartbeat.testing.ControlledClock;
import org.mallku.heartbeat.testing.Pulses;
import org.mallku.heartbeat.testing.TestProfileConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Every mallku_heartbeat_* metric after a known sequence of pulses: ok, alert, celebration, failed, skipped. */
@QuarkusTest
@TestProfile(MetricsTest.Known.class)
class MetricsTest {

    public static class Known implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestProfileConfig.scoped(Map.of("heartbeat.daily-pulse.enabled", "false",
                    "heartbeat.pulse-interval", "6h", "heartbeat.log-path", "target/metrics-test-" + UUID.randomUUID()));
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ControlledClock.class);
        }
    }

    @Inject
    PulseMemory log;
    @Inject
    Event<Pulse> pulses;
    @Inject
    Event<PulseSkipped> skips;

    /** Records a pulse the way the engine does: kept, then announced. */
    void record(Pulse pulse) {
        log.record(pulse);
        pulses.fire(pulse);
    }

    static String scrape(String accept) {
        return given().header("Accept", accept).get("/metrics").then().statusCode(200).extract().asString();
    }

    static double value(String text, String series) {
        // the 0.0.4 text format may end a label set with a comma: {a="b",}
        return text.lines().map(l -> l.replace(",}", "}")).filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).split(" ")[0]))
                .orElseThrow(() -> new AssertionError("no series " + series + " in\n" + text));
    }

    static void type(String text, String metric, String type) {
        assertTrue(text.contains("# TYPE " + metric + " " + type + "\n"), "# TYPE " + metric + " " + type);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("# HELP " + metric + " ") && l.length() > 10 + metric.length()),
                "help text for " + metric);
    }

    @Test
    void aKnownSequenceGivesKnownMetrics() throws Exception {
        Instant t = ControlledClock.START;
        record(Pulses.scored(t, 0.8));
        record(Pulses.scored(t.plusSeconds(60), 0.3));
        record(Pulses.scored(t.plusSeconds(120), 0.95));
        Pulse failed = Pulses.failed(t.plusSeconds(180));
        record(failed);
        skips.fire(new PulseSkipped(PulseReason.INTERVAL, PulseSkipped.Cause.OVERLAP));
        skips.fire(new PulseSkipped(PulseReason.MANUAL, PulseSkipped.Cause.COOLDOWN));

        String text = scrape("text/plain; version=0.0.4");
        type(text, "mallku_heartbeat_pulses_total", "counter");
        assertEquals(1, value(text, "mallku_heartbeat_pulses_total{outcome=\"ok\",reason=\"interval\"}"));
        assertEquals(1, value(text, "mallku_heartbeat_pulses_total{outcome=\"alert\",reason=\"interval\"}"));
        assertEquals(1, value(text, "mallku_heartbeat_pulses_total{outcome=\"celebration\",reason=\"interval\"}"));
        assertEquals(1, value(text, "mallku_heartbeat_pulses_total{outcome=\"failed\",reason=\"daily\"}"));
        type(text, "mallku_heartbeat_pulses_skipped_total", "counter");
        assertEquals(1, value(text, "mallku_heartbeat_pulses_skipped_total{cause=\"overlap\"}"));
        assertEquals(1, value(text, "mallku_heartbeat_pulses_skipped_total{cause=\"cooldown\"}"));
        type(text, "mallku_heartbeat_pulse_duration_seconds", "summary");
        assertEquals(3, value(text, "mallku_heartbeat_pulse_duration_seconds_count{ceremony=\"quick-pulse\"}"));
        assertEquals(3.9, value(text, "mallku_heartbeat_pulse_duration_seconds_sum{ceremony=\"quick-pulse\"}"), 1e-9);
        assertEquals(1, value(text, "mallku_heartbeat_pulse_duration_seconds_count{ceremony=\"morning-awakening\"}"));
        type(text, "mallku_heartbeat_last_pulse_timestamp_seconds", "gauge");
        assertEquals(failed.startedAt().getEpochSecond(), value(text, "mallku_heartbeat_last_pulse_timestamp_seconds"));
        type(text, "mallku_heartbeat_last_success_timestamp_seconds", "gauge");
        assertEquals(t.plusSeconds(120).getEpochSecond(), value(text, "mallku_heartbeat_last_success_timestamp_seconds"));
        type(text, "mallku_heartbeat_last_pulse_outcome", "gauge");
        assertEquals(1, value(text, "mallku_heartbeat_last_pulse_outcome{outcome=\"failed\"}"), "the newest pulse failed");
        for (String other : List.of("ok", "alert", "celebration", "interrupted")) {
            assertEquals(0, value(text, "mallku_heartbeat_last_pulse_outcome{outcome=\"" + other + "\"}"), other);
        }
        type(text, "mallku_heartbeat_next_pulse_timestamp_seconds", "gauge");
        assertEquals(Instant.parse("2026-05-10T12:00:00Z").getEpochSecond(),
                value(text, "mallku_heartbeat_next_pulse_timestamp_seconds"));
        type(text, "mallku_heartbeat_consciousness_score", "gauge");
        assertTrue(Double.isNaN(value(text, "mallku_heartbeat_consciousness_score")), "a failed pulse has no score");
        type(text, "mallku_heartbeat_voices_present", "gauge");
        assertEquals(0, value(text, "mallku_heartbeat_voices_present"));
        type(text, "mallku_heartbeat_up", "gauge");
        assertEquals(0, value(text, "mallku_heartbeat_up"), "the newest pulse failed: failing is not up");
        type(text, "mallku_heartbeat_status", "gauge");
        assertEquals(1, value(text, "mallku_heartbeat_status{status=\"failing\"}"));
        assertEquals(0, value(text, "mallku_heartbeat_status{status=\"up\"}"));
        type(text, "mallku_heartbeat_freshness_grace_seconds", "gauge");
        assertEquals(Duration.ofHours(1).toSeconds(), value(text, "mallku_heartbeat_freshness_grace_seconds"),
                "heartbeat.freshness.grace, for the staleness rule");
        type(text, "mallku_heartbeat_alerts_total", "counter");
        assertEquals(1, value(text, "mallku_heartbeat_alerts_total"));
        type(text, "mallku_heartbeat_celebrations_total", "counter");
        assertEquals(1, value(text, "mallku_heartbeat_celebrations_total"));
        type(text, "mallku_heartbeat_voice_replies_total", "counter");
        assertEquals(3, value(text, "mallku_heartbeat_voice_replies_total{outcome=\"ok\",provider=\"offline\"}"));
        assertEquals(3, value(text, "mallku_heartbeat_voice_replies_total{outcome=\"timeout\",provider=\"anthropic\"}"));
        type(text, "mallku_heartbeat_voice_reply_duration_seconds", "summary");
        assertEquals(3 * 1.234, value(text, "mallku_heartbeat_voice_reply_duration_seconds_sum{provider=\"offline\"}"), 1e-9);
        type(text, "mallku_heartbeat_log_write_failures_total", "counter");
        assertEquals(0, value(text, "mallku_heartbeat_log_write_failures_total"));
        type(text, "mallku_heartbeat_log_records_skipped_total", "counter");
        assertEquals(0, value(text, "mallku_heartbeat_log_records_skipped_total"));

        record(Pulses.scored(t.plusSeconds(240), 0.7));
        String after = scrape("text/plain; version=0.0.4");
        assertEquals(0.7, value(after, "mallku_heartbeat_consciousness_score"));
        assertEquals(2, value(after, "mallku_heartbeat_pulses_total{outcome=\"ok\",reason=\"interval\"}"));

        String openMetrics = scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertTrue(openMetrics.strip().endsWith("# EOF"), "OpenMetrics ends with # EOF");
        assertTrue(openMetrics.contains("mallku_heartbeat_pulses_total{outcome=\"ok\",reason=\"interval\"} 2.0"));
    }

    /** Series that nothing in these tests increments are there at zero, so increase() sees their first event. */
    @Test
    void everyLabelledSeriesIsExportedFromTheStart() {
        String text = scrape("text/plain; version=0.0.4");
        assertEquals(0, value(text, "mallku_heartbeat_pulses_total{outcome=\"interrupted\",reason=\"catch-up\"}"));
        assertEquals(0, value(text, "mallku_heartbeat_pulses_total{outcome=\"failed\",reason=\"single-pulse\"}"));
        assertEquals(0, value(text, "mallku_heartbeat_pulses_skipped_total{cause=\"dedupe\"}"));
        assertEquals(0, value(text, "mallku_heartbeat_pulses_skipped_total{cause=\"quiet_hours\"}"));
        assertEquals(0, value(text, "mallku_heartbeat_pulse_duration_seconds_count{ceremony=\"crisis-response\"}"));
        assertEquals(0, value(text, "mallku_heartbeat_voice_replies_total{outcome=\"rate_limited\",provider=\"offline\"}"));
        assertEquals(0, value(text, "mallku_heartbeat_voice_replies_total{outcome=\"circuit_open\",provider=\"offline\"}"));
    }

    @Test
    void theExpositionPassesPromtool() throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("promtool"), "promtool (Debian package prometheus) is installed by .ci/run");
        Path text = Files.createTempFile("metrics", ".txt");
        Files.writeString(text, scrape("text/plain; version=0.0.4"), StandardCharsets.UTF_8);
        Process check = new ProcessBuilder("sh", "-c", "promtool check metrics < " + text).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        // promtool exits 3 for lint remarks on the framework's own metrics (netty, http_server, process);
        // it exits 1 when the exposition cannot be parsed at all
        assertTrue(check.exitValue() == 0 || check.exitValue() == 3, check.exitValue() + ": " + out);
        assertEquals("", out.lines().filter(l -> l.startsWith("mallku_heartbeat")).reduce("", (a, b) -> a + b + "\n"),
                "promtool finds nothing to say about our metrics");
    }

    static boolean onPath(String tool) {
        return Arrays.stream(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
