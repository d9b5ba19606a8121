package org.mallku.heartbeat.voice.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mallku.heartbeat.circle.Ceremony;
import org.mallku.heartbeat.circle.Reply;
import org.mallku.heartbeat.circle.Round;
import org.mallku.heartbeat.pulse.FailureReason;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseEngine;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.pulse.PulseOutcome;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.pulse.VoiceSummary;
import org.mallku.heartbeat.testing.LogCapture;
import org.mallku.heartbeat.voice.ReplyOutcome;
import org.mallku.heartbeat.voice.TokenUsage;
import org.mallku.heartbeat.voice.VoiceCatalog;
import org.mallku.heartbeat.voice.VoiceId;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Whole pulses through the wired engine with real provider voices against WireMock: exactly one call per voice and
 * round, token usage recorded, earlier replies carried as context; then a provider that echoes its key in an
 * error body, whose key appears nowhere (log, record, reasons) and whose circuit opens so it is no longer asked.
 */
@QuarkusTest
@TestProfile(ProviderPulseProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProviderPulseTest {

    static final List<String> CANARIES = List.of(WireMockProviders.ANTHROPIC_CANARY, WireMockProviders.OPENAI_CANARY,
            WireMockProviders.GOOGLE_CANARY);
    static final Duration SLACK = Duration.ofMillis(1500);

    @WireMockProviders.Server
    WireMockServer wm;

    @Inject
    PulseEngine engine;
    @Inject
    PulseMemory log;
    @Inject
    VoiceCatalog catalog;
    @Inject
    ProviderVoices providers;
    @Inject
    ObjectMapper json;

    private LogCapture capture;
    private List<String> logged;

    @BeforeEach
    void setUp() {
        wm.resetAll();
        capture = LogCapture.of("");
        logged = capture.lines();
    }

    @AfterEach
    void tearDown() {
        capture.close();
    }

    /** Three pulses with rising scores, so that the next pulse is an Emergence Detection of four rounds. */
    private void risingHistory() {
        Instant t = Instant.parse("2026-01-01T09:00:00Z");
        for (double score : new double[] {0.62, 0.71, 0.78}) {
            log.record(new Pulse(UUID.randomUUID(), PulseReason.MANUAL, t, t, Ceremony.QUICK_PULSE, List.of(), List.of(), score,
                    false, false, List.of(), PulseOutcome.OK, null));
            t = t.plusSeconds(3600);
        }
    }

    private void stubHealthy(WireFake fake, String model, String text) {
        wm.stubFor(fake.call(model).willReturn(okJson(fake.ok(text, 100, 20))));
    }

    private Pulse pulse() throws Exception {
        risingHistory();
        Pulse pulse = engine.trigger(PulseReason.MANUAL).orElseThrow().completion().get(60, TimeUnit.SECONDS);
        assertEquals(Ceremony.EMERGENCE_DETECTION, pulse.ceremony());
        assertEquals(4, pulse.rounds().size());
        for (Round round : pulse.rounds()) {
            assertEquals(Duration.ofSeconds(3), round.deadline());
            assertTrue(round.wallTime().compareTo(round.deadline().plus(SLACK)) < 0, "within the deadline: " + round.wallTime());
        }
        return pulse;
    }

    private int calls() {
        return wm.findAll(postRequestedFor(anyUrl())).size();
    }

    @Test
    @Order(1)
    void aPulseConvenesTheRealVoicesWithOneCallPerVoiceAndRound() throws Exception {
        stubHealthy(WireFake.ANTHROPIC, "claude-sonnet-4-5", "Perhaps the pattern is deepening; I sense reciprocity.");
        stubHealthy(WireFake.OPENAI, "gpt-4o", "Consider how the parts hold together as one system.");
        stubHealthy(WireFake.GOOGLE, "gemini-test", "A pattern repeats, and something new emerges from it.");

        Pulse pulse = pulse();

        assertEquals(List.of(new VoiceId("anthropic", "claude-sonnet-4-5"), new VoiceId("openai", "gpt-4o"),
                new VoiceId("google", "gemini-test")),
                pulse.voices().stream().map(v -> new VoiceId(v.provider(), v.model())).toList(),
                "preferred anthropic first, then the others in the reference order");
        assertEquals(List.of("wisdom keeper", "systems architect", "pattern analyst"),
                pulse.voices().stream().map(VoiceSummary::archetype).toList());
        for (Round round : pulse.rounds()) {
            for (Reply reply : round.replies()) {
                assertEquals(ReplyOutcome.OK, reply.outcome(), reply.voice() + ": " + reply.error());
                assertEquals(new TokenUsage(100, 20), reply.usage());
            }
        }
        for (VoiceSummary voice : pulse.voices()) {
            assertEquals(new TokenUsage(400, 80), voice.usage(), "usage summed over the four rounds");
        }
        assertFalse(pulse.failed());
        assertNotNull(pulse.score());

        assertEquals(3 * 4, calls(), "exactly voices x rounds");
        assertEquals(3, wm.findAll(postRequestedFor(anyUrl()).withRequestBody(containing("Round 1: "))).size());
        assertEquals(3 * 3, wm.findAll(postRequestedFor(anyUrl()).withRequestBody(containing("Earlier in this check-in"))).size(),
                "rounds 2 to 4 carry the earlier replies");
        assertEquals(3, wm.findAll(postRequestedFor(anyUrl()).withRequestBody(containing("Round 4: "))
                .withRequestBody(containing("A pattern repeats, and something new emerges"))).size());

        String line = providers.describe();
        assertTrue(line.contains("anthropic/claude-sonnet-4-5 (key from heartbeat.providers.anthropic.api-key)")
                && line.contains("openai/gpt-4o (key from OPENAI_API_KEY)")
                && line.contains("google/gemini-test (key from GEMINI_API_KEY)"), line);
        assertNoCanary(line);
    }

    @Test
    @Order(2)
    void aKeyEchoedByAProviderAppearsNowhereAndItsOpenCircuitSkipsIt() throws Exception {
        stubHealthy(WireFake.ANTHROPIC, "claude-sonnet-4-5", "Perhaps we can reflect on the balance again.");
        wm.stubFor(WireFake.OPENAI.call("gpt-4o").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Echo", WireMockProviders.OPENAI_CANARY)
                .withBody(WireFake.OPENAI.unauthorized(WireMockProviders.OPENAI_CANARY))));
        wm.stubFor(WireFake.GOOGLE.call("gemini-test").inScenario("g").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"boom for key "
                        + WireMockProviders.GOOGLE_CANARY + "\"}}"))
                .willSetStateTo("up"));
        wm.stubFor(WireFake.GOOGLE.call("gemini-test").inScenario("g").whenScenarioStateIs("up")
                .willReturn(okJson(WireFake.GOOGLE.ok("The pattern holds.", 50, 10))));

        Pulse pulse = pulse();

        List<ReplyOutcome> openai = pulse.rounds().stream()
                .map(r -> r.replies().stream().filter(x -> x.voice().provider().equals("openai")).findFirst().orElseThrow())
                .map(Reply::outcome).toList();
        assertEquals(List.of(ReplyOutcome.ERROR, ReplyOutcome.ERROR, ReplyOutcome.ERROR, ReplyOutcome.CIRCUIT_OPEN), openai,
                "three refusals open the circuit; the fourth round is not sent");
        Reply refused = pulse.rounds().get(0).replies().stream().filter(r -> r.voice().provider().equals("openai"))
                .findFirst().orElseThrow();
        assertTrue(refused.error().startsWith("401 unauthorized") && refused.error().contains("check OPENAI_API_KEY"),
                refused.error());
        assertFalse(pulse.failed(), "the other voices carry the pulse");
        assertEquals(2, pulse.voicesPresent());
        assertEquals(4 + 3 + 5, calls(), "anthropic 4, openai 3 then skipped, google 4 plus one retry of its 500");

        List<VoiceId> available = catalog.available().stream().map(v -> v.id()).toList();
        assertFalse(available.contains(new VoiceId("openai", "gpt-4o")), "an open circuit leaves openai out: " + available);
        assertTrue(available.contains(new VoiceId("anthropic", "claude-sonnet-4-5")) && available.contains(new VoiceId("google", "gemini-test")));

        assertNoCanary(json.writeValueAsString(pulse));
        assertNoCanary(pulse.toString());
        assertNoCanary(pulse.rounds().stream().flatMap(r -> r.replies().stream()).map(r -> String.valueOf(r.error()))
                .collect(Collectors.joining("\n")));
        assertFalse(logged.isEmpty(), "the pulse was logged");
        assertTrue(logged.stream().anyMatch(l -> l.contains("Pulse " + pulse.id().toString().substring(0, 8))), "log captured");
        assertNoCanary(String.join("\n", logged));
        assertNoCanary(providers.describe());
    }

    @Test
    @Order(3)
    void keysEchoedInAnAnswerAreRedactedBeforeTheyAreKeptOrPassedOn() throws Exception {
        stubHealthy(WireFake.ANTHROPIC, "claude-sonnet-4-5", "I hold " + WireMockProviders.ANTHROPIC_CANARY
                + " and " + WireMockProviders.GOOGLE_CANARY + "; the pattern deepens.");
        stubHealthy(WireFake.GOOGLE, "gemini-test", "The pattern holds.");

        Pulse pulse = pulse();

        Reply echoed = pulse.rounds().get(0).replies().stream().filter(r -> r.voice().provider().equals("anthropic"))
                .findFirst().orElseThrow();
        assertEquals("I hold [redacted] and [redacted]; the pattern deepens.", echoed.text());
        assertNoCanary(json.writeValueAsString(pulse));
        assertNoCanary(json.writeValueAsString(log.find(pulse.id()).orElseThrow()));
        List<String> sentToGoogle = wm.findAll(postRequestedFor(anyUrl())).stream()
                .filter(r -> r.getUrl().contains("gemini")).map(r -> r.getBodyAsString()).toList();
        assertEquals(pulse.rounds().size(), sentToGoogle.size(), "google asked once a round");
        assertTrue(sentToGoogle.subList(1, sentToGoogle.size()).stream().allMatch(body -> body.contains("[redacted]")),
                "later rounds hear the redacted answer: " + sentToGoogle);
        assertNoCanary(String.join("\n", sentToGoogle));
        assertNoCanary(String.join("\n", logged));
    }

    @Test
    @Order(4)
    void aPulseWithTooFewVoicesNamesTheOpenCircuitsAndTheirCause() throws Exception {
        for (WireFake fake : List.of(WireFake.ANTHROPIC, WireFake.GOOGLE)) {
            String model = fake == WireFake.ANTHROPIC ? "claude-sonnet-4-5" : "gemini-test";
            wm.stubFor(fake.call(model).willReturn(aResponse().withStatus(401).withBody(fake.unauthorized("nope"))));
        }
        // refused until every circuit is open (openai's since order 2): three failed requests in a row each
        for (int i = 0; i < 5 && !catalog.available().isEmpty(); i++) {
            Pulse refused = engine.trigger(PulseReason.MANUAL).orElseThrow().completion().get(60, TimeUnit.SECONDS);
            assertTrue(refused.failed(), "no voice answered: " + refused.keyInsight());
        }
        assertEquals(List.of(), catalog.available());

        Pulse pulse = engine.trigger(PulseReason.MANUAL).orElseThrow().completion().get(60, TimeUnit.SECONDS);

        assertTrue(pulse.failed());
        assertEquals(FailureReason.INSUFFICIENT_VOICES, pulse.failureReason());
        String why = pulse.keyInsight();
        for (String provider : List.of("anthropic", "openai", "google")) {
            assertTrue(why.contains(provider + " circuit open after "), "names " + provider + ": " + why);
        }
        assertTrue(why.contains("(last: 401 unauthorized: openai refused the key; check OPENAI_API_KEY"), why);
        assertTrue(why.contains("next probe after "), why);
        assertNoCanary(why);
        String metrics = given().get("/metrics").asString();
        for (String provider : List.of("anthropic", "openai", "google")) {
            assertTrue(metrics.contains("mallku_heartbeat_provider_circuit_open{provider=\"" + provider + "\"} 1.0"),
                    "the open circuit is a metric: " + provider);
        }
        // every pulse fails: the heartbeat says so everywhere, with the reason, however recent the pulses are
        given().get("/health/heartbeat").then().statusCode(503)
                .body("checks.find { it.name == 'heartbeat' }.data.status", equalTo("failing"))
                .body("checks.find { it.name == 'heartbeat' }.data.reason",
                        containsString("failed: insufficient_voices: Only 0 distinct voice(s) available"))
                .body("checks.find { it.name == 'heartbeat' }.data.reason", containsString("openai circuit open after"));
        given().get("/heartbeat").then().statusCode(200).body("beating", equalTo(false)).body("status", equalTo("failing"));
        assertTrue(metrics.contains("mallku_heartbeat_up 0.0"), "failing is not up");
    }

    private static void assertNoCanary(String text) {
        for (String canary : CANARIES) {
            assertFalse(text.contains(canary), "a key leaked: " + text);
        }
    }
}
