package org.mallku.heartbeat.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.testing.PreparedLog;
import org.mallku.heartbeat.testing.TestProfileConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The status page over HTTP, on a log holding one pulse whose reply is an injection attempt: the pages show it as
 * text, carry a policy that runs only the page's own scripts, agree with the JSON API, and serve the chart library
 * from the app itself. (The page in a real browser: ci/ui-check.mjs.)
 */
@QuarkusTest
@TestProfile(StatusPagesTest.OnePulse.class)
class StatusPagesTest {

    static final String INJECTION = "<img src=x onerror=alert(1)> and <script>alert(2)</script>";

    public static class OnePulse implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestProfileConfig.scoped(Map.of("heartbeat.daily-pulse.enabled", "false",
                    "heartbeat.pulse-interval", "1h"));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PreparedLog.class, Map.of("age", "PT1M", "text", INJECTION)));
        }
    }

    @Test
    void theOverviewAgreesWithTheApiAndRunsOnlyItsOwnScripts() {
        JsonPath api = given().get("/heartbeat").then().statusCode(200).extract().jsonPath();

        String page = given().get("/").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .extract().asString();

        assertEquals(api.getString("status"), between(page, "data-status=\"", "\""));
        assertEquals(api.getString("total_pulses"), between(page, "data-total=\"pulses\">", "<"));
        assertEquals(api.getString("last_pulse.id"), between(page, "data-last-id=\"", "\""));
        assertThat(page, not(containsString("<script>alert")));
    }

    @Test
    void aReplyThatIsMarkupIsShownAsText() {
        String id = given().get("/heartbeat").then().extract().path("last_pulse.id");

        given().get("/pulses/" + id).then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .body(containsString("&lt;img src=x onerror=alert(1)&gt; and &lt;script&gt;alert(2)&lt;/script&gt;"))
                .body(not(containsString("<img src=x")))
                .body(not(containsString("<script>alert")))
                .body(not(containsString("Cut here")));
        given().get("/pulses").then().statusCode(200).body(containsString("href=\"/pulses/" + id + "\""));
    }

    @Test
    void unknownPulsesAreNotFoundAndTheJsonApiKeepsItsOwnHeaders() {
        given().get("/pulses/not-a-pulse").then().statusCode(404);
        given().get("/pulses/00000000-0000-4000-8000-000000000000").then().statusCode(404);
        given().get("/heartbeat").then().statusCode(200).header("Content-Security-Policy", nullValue());
    }

    @Test
    void theChartLibraryAndThePagesOwnFilesAreServedByTheApp() {
        given().get("/webjars/chart.js/dist/chart.umd.js").then().statusCode(200)
                .body(containsString("Chart.js v4"));
        given().get("/ui/status.js").then().statusCode(200).body(containsString("new Chart("));
        given().get("/ui/status.css").then().statusCode(200).body(containsString("prefers-color-scheme: dark"));
    }

    private static String between(String text, String before, String after) {
        int start = text.indexOf(before) + before.length();
        return text.substring(start, text.indexOf(after, start));
    }
}
