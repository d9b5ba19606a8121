package org.mallku.heartbeat.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.testing.TestProfileConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A log folder that cannot be written: not ready, with the reason; still alive. */
@QuarkusTest
@TestProfile(UnwritableLogTest.Blocked.class)
class UnwritableLogTest {

    public static class Blocked implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                // a file where the folder should be: unwritable even for root, who ignores permissions
                Path blocked = Files.createTempFile("not-a-folder", ".log");
                return TestProfileConfig.scoped(Map.of("heartbeat.log-path", blocked.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void readinessIsDownWithTheReasonAndLivenessStaysUp() {
        given().get("/health/ready").then()
                .statusCode(503)
                .body("checks[0].name", equalTo("pulse-log"))
                .body("checks[0].status", equalTo("DOWN"))
                .body("checks[0].data.writable", equalTo(false))
                .body("checks[0].data.reason", containsString("not-a-folder"));
        given().get("/health/live").then().statusCode(200);
        given().get("/health/started").then().statusCode(200);
    }
}
