package org.mallku.heartbeat;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.testing.Isolated;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;

/**
 * The packaged app as a service, with an OpenAI-compatible provider (WireMock, its real wire format) beside the
 * offline voices: a manual pulse through the API is recorded and read back by every reader (record, page, state,
 * health, metrics). No test profile: with {@code -Paot} on a JDK 25, Quarkus records this run for the AOT cache, so
 * the REST endpoints, the pulse path and the provider HTTP client are all in it.
 */
@QuarkusIntegrationTest
@WithTestResource(ServiceIT.Provider.class)
class ServiceIT {

    static final String TOKEN = "service-it-token-6c1e";
    static final String KEY = "sk-service-it-canary-0b7d";
    static WireMockServer provider;

    /** WireMock speaking OpenAI chat completions, and the service's configuration pointing openai at it. */
    public static class Provider implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            provider.start();
            provider.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson("""
                    {"id":"chatcmpl-it","object":"chat.completion","created":1767258000,"model":"gpt-4o",
                     "choices":[{"index":0,"message":{"role":"assistant","content":"The circle is aware of itself,\
                     its coherence and its emergence."},"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":40,"completion_tokens":12,"total_tokens":52}}""")));
            Map<String, String> config = new HashMap<>(Isolated.config(Isolated.logFolder("service-it"), Map.of(
                    "heartbeat.voices.offline.enabled", "true",
                    "heartbeat.daily-pulse.enabled", "false",
                    "heartbeat.api.token", TOKEN,
                    "heartbeat.check-in-duration", "5s")));
            config.put("heartbeat.providers.openai.enabled", "true");
            config.put("heartbeat.providers.openai.base-url", provider.baseUrl() + "/v1");
            config.put("heartbeat.providers.openai.api-key", KEY);
            return config;
        }

        @Override
        public void stop() {
            // the server outlives the tests' last request; stopped in afterAll
        }
    }

    @AfterAll
    static void stopProvider() {
        provider.stop();
    }

    @Test
    void aManualPulseIsRecordedAndSeenByEveryReader() throws InterruptedException {
        given().get("/health/ready").then().statusCode(200);
        given().get("/health/heartbeat").then().statusCode(200).body("checks[0].data.status", equalTo("new"));

        String id = given().auth().oauth2(TOKEN).contentType("application/json").body("{\"ceremony\":\"quick-pulse\"}")
                .post("/heartbeat/pulses").then().statusCode(202).extract().path("id");
        JsonPath record = awaitRecord(id);

        assertTrue(record.getString("ceremony").equals("quick-pulse"), record.prettify());
        assertTrue(record.getBoolean("scored"), record.prettify());
        List<String> providers = record.getList("rounds[0].replies.provider");
        assertTrue(providers.contains("openai") && providers.contains("offline"), providers.toString());
        assertTrue(record.getList("rounds[0].replies.outcome").stream().allMatch("ok"::equals), record.prettify());
        provider.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + KEY)));
        assertFalse(record.prettify().contains(KEY), "the key is not in the record");

        given().get("/heartbeat/pulses?limit=5").then().statusCode(200).body("id", hasItem(id));
        given().get("/heartbeat").then().statusCode(200)
                .body("total_pulses", equalTo(1))
                .body("last_pulse.id", equalTo(id))
                .body("voices_available.provider", hasItem("openai"));
        given().get("/health/heartbeat").then().statusCode(200).body("checks[0].data.status", equalTo("up"));
        String metrics = given().get("/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("mallku_heartbeat_pulses_total{")
                && line.contains("reason=\"manual\"") && line.endsWith(" 1.0")), metrics);
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("mallku_heartbeat_voice_replies_total{")
                && line.contains("provider=\"openai\"") && line.contains("outcome=\"ok\"") && line.endsWith(" 1.0")), metrics);
        assertFalse(metrics.contains(KEY), "the key is not in the metrics");
    }

    /** The record appears once the pulse has finished: a 404 before. */
    private static JsonPath awaitRecord(String id) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(until)) {
            var answer = given().get("/heartbeat/pulses/" + id);
            if (answer.statusCode() == 200) {
                return answer.jsonPath();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("pulse " + id + " was not recorded within 30 s");
    }
}
