package org.mallku.heartbeat.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.testing.PreparedLog;
import org.mallku.heartbeat.testing.TestProfileConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A reply longer than a page shows: its page shows the first 32 Ki characters and links the whole reply. */
@QuarkusTest
@TestProfile(TranscriptCutTest.LongReply.class)
class TranscriptCutTest {

    static final String SHOWN = "<q>".repeat(Excerpt.LIMIT / 3) + "x".repeat(Excerpt.LIMIT % 3);
    static final String REPLY = SHOWN + "AND-THE-REST";

    public static class LongReply implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestProfileConfig.scoped(Map.of("heartbeat.daily-pulse.enabled", "false"));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PreparedLog.class, Map.of("age", "PT1M", "text", REPLY)));
        }
    }

    @Test
    void theLongReplyIsCutWithALinkToTheWholeOne() {
        String id = given().get("/heartbeat").then().extract().path("last_pulse.id");

        given().get("/pulses/" + id).then().statusCode(200)
                .body(containsString("<p class=\"text\">" + SHOWN.replace("<", "&lt;").replace(">", "&gt;") + "</p>"))
                .body(not(containsString("AND-THE-REST")))
                .body(containsString("Cut here: the whole reply is in <a href=\"/heartbeat/pulses/" + id + "\">"));
        given().get("/heartbeat/pulses/" + id).then().statusCode(200)
                .body("rounds[0].replies[0].text", equalTo(REPLY));
    }
}
