package org.mallku.heartbeat.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.testing.PreparedLog;
import org.mallku.heartbeat.testing.RawHttp;
import org.mallku.heartbeat.testing.TestProfileConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Every spelling of a path an attacker may try, sent byte for byte, without a token, with a wrong one and with the
 * right one: each answer is the expected one, HTML answers carry the security headers, and a pulse runs only with
 * the right token. {@link FutureWrites} stands for write endpoints not written yet.
 */
@QuarkusTest
@TestProfile(PathSpellingTest.WithToken.class)
class PathSpellingTest {

    static final String TOKEN = "spelling-token-93c1";

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestProfileConfig.scoped(Map.of("heartbeat.api.token", TOKEN, "heartbeat.api.manual-cooldown", "0s",
                    "heartbeat.daily-pulse.enabled", "false", "heartbeat.pulse-interval", "24h",
                    "heartbeat.check-in-duration", "1s"));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PreparedLog.class, Map.of("age", "PT1M")));
        }
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** A request and its answers without a token, with a wrong one, with the right one. */
    record Row(String method, String path, int none, int wrong, int right) {
        Row(String method, String path, int any) {
            this(method, path, any, any, any);
        }
    }

    /** The writes: only the plain spelling and those Quarkus normalises to it reach the resource. */
    static List<Row> writes() {
        return List.of(
                new Row("POST", "/heartbeat/pulses", 401, 401, 202),
                new Row("POST", "/heartbeat/pulses;", 400),
                new Row("POST", "/heartbeat/pulses;x=1", 400),
                new Row("POST", "/heartbeat;x=1/pulses", 400),
                new Row("POST", "/;x=1/heartbeat/pulses", 400),
                new Row("POST", "/heartbeat/pulses/;x=1", 400),
                new Row("POST", "/heartbeat/pulses%3B", 400),
                new Row("POST", "/heartbeat%3bx=1/pulses", 400),
                new Row("POST", "//heartbeat/pulses", 401, 401, 202),
                new Row("POST", "/heartbeat//pulses", 401, 401, 202),
                new Row("POST", "/heartbeat%2Fpulses", 404),
                new Row("POST", "/heartbeat/./pulses", 401, 401, 202),
                new Row("POST", "/heartbeat/x/../pulses", 401, 401, 202),
                new Row("POST", "/heartbeat/pulses/", 401, 401, 202),
                new Row("POST", "/heartbeat/pulses/.", 401, 401, 202),
                new Row("POST", "/HEARTBEAT/PULSES", 404),
                new Row("POST", "/heartbeat/Pulses", 404),
                new Row("HEAD", "/heartbeat/pulses", 200),
                new Row("PUT", "/heartbeat/pulses", 405),
                new Row("PATCH", "/heartbeat/pulses", 405),
                new Row("DELETE", "/heartbeat/pulses", 405),
                new Row("POST", "/heartbeat", 405),
                new Row("POST", "/testing/future-writes", 401, 401, 204),
                new Row("PUT", "/testing/future-writes/", 401, 401, 204),
                new Row("PATCH", "//testing/future-writes", 401, 401, 204),
                new Row("DELETE", "/testing/./future-writes", 401, 401, 204),
                new Row("DELETE", "/testing/future-writes;x", 400));
    }

    /** The pages and API reads: matrix parameters refused in every segment, every HTML answer with its headers. */
    static List<Row> reads(String id) {
        return List.of(
                new Row("GET", "/", 200),
                new Row("GET", "/;x=1", 400),
                new Row("GET", "/pulses", 200),
                new Row("GET", "/pulses;x=1", 400),
                new Row("GET", "/pulses/", 200),
                new Row("GET", "//pulses", 200),
                new Row("GET", "/./pulses", 200),
                new Row("GET", "/PULSES", 404),
                new Row("GET", "/pulses/" + id, 200),
                new Row("GET", "/pulses;x=1/" + id, 400),
                new Row("GET", "/pulses/" + id + ";x=1", 400),
                new Row("GET", "/pulses%2F" + id, 404),
                new Row("GET", "/pulses/%3B" + id, 400),
                new Row("GET", "/pulses/x/../" + id, 200),
                new Row("HEAD", "/pulses/" + id, 200),
                new Row("GET", "/pulses/not-a-pulse", 404),
                new Row("GET", "/heartbeat;x=1", 400),
                new Row("GET", "/heartbeat/pulses;x=1/" + id, 400),
                new Row("GET", "/heartbeat/pulses/" + id, 200),
                new Row("GET", "/health/live;x=1", 400),
                new Row("GET", "/q/openapi;x=1", 400),
                new Row("GET", "/no-such-page", 404));
    }

    @Test
    void everySpellingGetsItsAnswerAndOnlyTheRightTokenStartsAPulse() {
        String id = given().get("/heartbeat").then().statusCode(200).extract().path("last_pulse.id");
        List<String> wrong = new ArrayList<>();
        int started = 0;
        long before = total();
        List<Row> rows = new ArrayList<>(writes());
        rows.addAll(reads(id));
        for (Row row : rows) {
            for (String authorization : new String[] { null, "Bearer wrong-" + TOKEN, "Bearer " + TOKEN }) {
                int expected = expected(row, authorization);
                idle();
                long total = total();
                RawHttp.Answer answer = RawHttp.send(port, row.method(), row.path(), authorization);
                String request = row.method() + " " + row.path() + (authorization == null ? " (no token)"
                        : authorization.endsWith(" " + TOKEN) ? " (right token)" : " (wrong token)");
                if (answer.status() != expected) {
                    wrong.add(request + ": " + answer.status() + ", expected " + expected + " " + answer.body());
                }
                if (answer.status() == 202) {
                    started++;
                    awaitTotal(total + 1);
                } else if (pulsing()) {
                    wrong.add(request + ": a pulse runs after " + answer.status());
                }
                String headers = headerProblem(answer);
                if (headers != null) {
                    wrong.add(request + ": " + headers);
                }
            }
        }
        idle();
        assertEquals(List.of(), wrong);
        assertEquals(before + started, total(), "pulses recorded: one for each 202 and no other");
    }

    int expected(Row row, String authorization) {
        return authorization == null ? row.none() : authorization.endsWith(" " + TOKEN) ? row.right() : row.wrong();
    }

    /** Security headers on an HTML answer, none of the page policy on others. */
    static String headerProblem(RawHttp.Answer answer) {
        if (answer.html()) {
            if (answer.header("content-security-policy") == null
                    || !answer.header("content-security-policy").contains("frame-ancestors 'none'")
                    || !answer.header("content-security-policy").contains("script-src 'self'")
                    || !"nosniff".equals(answer.header("x-content-type-options"))
                    || !"no-referrer".equals(answer.header("referrer-policy"))) {
                return "an HTML answer without its security headers: " + answer.headers();
            }
        } else if (answer.header("content-security-policy") != null) {
            return "the page policy on an answer that is not HTML: " + answer.headers();
        }
        return null;
    }

    private static long total() {
        return given().get("/heartbeat").then().statusCode(200).extract().<Number>path("total_pulses").longValue();
    }

    private static boolean pulsing() {
        return given().get("/heartbeat").then().statusCode(200).extract().<Boolean>path("pulsing");
    }

    private static void idle() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (pulsing()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("a pulse ran for over 30 s");
            }
            sleep();
        }
    }

    private static void awaitTotal(long expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (total() < expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the accepted pulse was not recorded within 30 s");
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
