package org.mallku.heartbeat.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.testing.TestProfileConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** POST /heartbeat/pulses: token, body, in-flight and cooldown answers, in the order an operator meets them. */
@QuarkusTest
@TestProfile(ManualPulseTest.WithToken.class)
class ManualPulseTest {

    static final String TOKEN = "canary-token-7f3a";

    @ConfigProperty(name = "quarkus.http.test-port")
    int testPort;

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestProfileConfig.scoped(Map.of("heartbeat.api.token", TOKEN, "heartbeat.api.manual-cooldown", "5m",
                    "test.voices.hanging", "true", "heartbeat.check-in-duration", "1s",
                    "heartbeat.log-path", "target/manual-pulse-test-" + UUID.randomUUID()));
        }
    }

    @Test
    void fromUnauthorizedToAcceptedToConflictToCooldown() throws Exception {
        given().post("/heartbeat/pulses").then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong").post("/heartbeat/pulses").then().statusCode(401);
        given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON).body("{\"reason\": \"weird\"}")
                .post("/heartbeat/pulses").then()
                .statusCode(400)
                .body("detail", containsString("reason 'weird'"));
        given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON).body("{\"ceremony\": \"Sunrise\"}")
                .post("/heartbeat/pulses").then()
                .statusCode(400)
                .body("detail", containsString("ceremony 'Sunrise' is not one of: morning-awakening,"))
                .body("detail", containsString("evening-reflection"));
        given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON).body("{\"reason\": ")
                .post("/heartbeat/pulses").then()
                .statusCode(400)
                .contentType("application/problem+json");
        // plain words, never the parser's (which name Java classes)
        given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON).body("{\"reason\": [\"manual\"]}")
                .post("/heartbeat/pulses").then()
                .statusCode(400)
                .body("detail", containsString("with text values (the problem is at line 1, column"))
                .body("detail", not(containsString("java")))
                .body("detail", not(containsString("PulseRequest")));

        var accepted = given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON)
                .body("{\"reason\": \"diagnostic\", \"ceremony\": \"evening-reflection\"}")
                .post("/heartbeat/pulses").then()
                .statusCode(202)
                .body("reason", equalTo("diagnostic"))
                .body("id", matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                .extract();
        String id = accepted.path("id");
        assertTrue(accepted.header("Location").endsWith("/heartbeat/pulses/" + id), accepted.header("Location"));
        given().get("/heartbeat").then().body("pulsing", equalTo(true));

        // the hanging voice keeps this pulse in flight for at least one 1.5 s round
        given().header("Authorization", "Bearer " + TOKEN).post("/heartbeat/pulses").then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().get("/metrics").then().body(containsString(
                "mallku_heartbeat_pulses_skipped_total{cause=\"overlap\"} 1.0"));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (given().get("/heartbeat/pulses/" + id).statusCode() != 200) {
            assertTrue(Instant.now().isBefore(deadline), "the accepted pulse was recorded");
            Thread.sleep(100);
        }
        // named, the ceremony is run although recent scores (none) and a manual pulse would give a quick pulse
        given().get("/heartbeat/pulses/" + id).then()
                .body("pulse_type", equalTo("diagnostic"))
                .body("ceremony", equalTo("evening-reflection"))
                .body("rounds.size()", equalTo(2));
        given().header("Authorization", "Bearer " + TOKEN).post("/heartbeat/pulses").then().statusCode(429);

        String retryAfter = given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON)
                .body("{\"reason\": \"manual\"}").post("/heartbeat/pulses").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("detail", containsString("heartbeat.api.manual-cooldown"))
                .extract().header("Retry-After");
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds > 250 && seconds <= 300, retryAfter);
    }

    /**
     * A wrong token is refused before the body is read: the 401 comes back while a 10 MB body announced by
     * Content-Length has not even been sent, so a flood of large bodies cannot fill the heap.
     */
    @Test
    void aWrongTokenIsRefusedBeforeTheBodyIsRead() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", testPort)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /heartbeat/pulses HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer wrong\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{\"re")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertEquals("HTTP/1.1 401 Unauthorized", status);
        }
    }

    /** Without Content-Length the limit is counted as the body arrives, and the refusal is a problem too. */
    @Test
    void aChunkedBodyOverTheLimitIsRefusedInPlainWords() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", testPort)) {
            socket.setSoTimeout(10_000);
            String chunk = "x".repeat(8192);
            StringBuilder request = new StringBuilder("POST /heartbeat/pulses HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 3; i++) {
                request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            }
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
            assertTrue(answer.contains("application/problem+json") && answer.contains("over the 16384-byte limit"), answer);
        }
    }

    @Test
    void aBodyLargerThanAPulseRequestIsRefusedAndTheSchemeIsCaseInsensitive() {
        given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON)
                .body("{\"reason\": \"" + "x".repeat(100_000) + "\"}")
                .post("/heartbeat/pulses").then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("over the 16384-byte limit"));
        given().header("Authorization", "bearer wrong").post("/heartbeat/pulses").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("Authorization: Bearer <token>"));
        given().header("Authorization", "bearer " + TOKEN).contentType(ContentType.JSON).body("{\"reason\": 7")
                .post("/heartbeat/pulses").then()
                .statusCode(400);
    }
}
