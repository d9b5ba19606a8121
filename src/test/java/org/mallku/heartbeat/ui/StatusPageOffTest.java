package org.mallku.heartbeat.ui;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.testing.TestProfileConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** heartbeat.ui.enabled=false: no page, the JSON API as before. */
@QuarkusTest
@TestProfile(StatusPageOffTest.Off.class)
class StatusPageOffTest {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestProfileConfig.scoped(Map.of("heartbeat.ui.enabled", "false"));
        }
    }

    @Test
    void thePagesAreGoneAndTheApiStays() {
        given().get("/").then().statusCode(404);
        given().get("/pulses").then().statusCode(404);
        given().get("/heartbeat").then().statusCode(200);
    }
}
