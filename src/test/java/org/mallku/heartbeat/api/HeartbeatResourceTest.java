package org.mallku.heartbeat.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.log.PulseRecord;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseEngine;
import org.mallku.heartbeat.pulse.PulseReason;

import io.quarkus.test.junit.QuarkusTest;

/** The read side of the API and its errors, with no API token configured. */
@QuarkusTest
class HeartbeatResourceTest {

    @Inject
    PulseEngine engine;

    Pulse pulse() throws Exception {
        return engine.trigger(PulseReason.INTERVAL).orElseThrow().completion().get(30, TimeUnit.SECONDS);
    }

    @Test
    void theStateAtAGlance() throws Exception {
        Pulse last = pulse();
        given().get("/heartbeat").then()
                .statusCode(200)
                .body("beating", equalTo(true))
                .body("freshness", equalTo("up"))
                .body("mode", equalTo("service"))
                .body("last_pulse.id", equalTo(last.id().toString()))
                .body("last_pulse.outcome", equalTo(last.outcome().label()))
                .body("last_pulse.voices_present", equalTo(last.voicesPresent()))
                .body("recent_average", notNullValue())
                .body("rhythm.phase", equalTo("establishing"))
                .body("rhythm.state", notNullValue())
                .body("next_pulse", nullValue()) // the test profile schedules nothing
                .body("total_pulses", notNullValue())
                .body("voices_available.provider", everyItem(equalTo("offline")))
                .body("voices_available[0]", hasKey("model"))
                .body("log.writable", equalTo(true));
    }

    @Test
    void aPageOfHistoryAndOneWholeRecord() throws Exception {
        Pulse older = pulse();
        Pulse newer = pulse();
        given().queryParam("limit", 2).get("/heartbeat/pulses").then()
                .statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].id", equalTo(newer.id().toString()))
                .body("[1].id", equalTo(older.id().toString()));
        given().queryParam("limit", 1).queryParam("before", newer.id().toString()).get("/heartbeat/pulses").then()
                .statusCode(200)
                .body("[0].id", equalTo(older.id().toString()));
        given().get("/heartbeat/pulses/" + newer.id()).then()
                .statusCode(200)
                .body("heartbeat_id", equalTo(newer.id().toString()))
                .body("rounds[0].replies[0].text", notNullValue())
                .body("schema_version", equalTo(PulseRecord.SCHEMA_VERSION));
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        for (String limit : new String[] { "0", "501", "many" }) {
            given().queryParam("limit", limit).get("/heartbeat/pulses").then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("detail", containsString("limit '" + limit + "'"));
        }
        given().queryParam("before", "yesterday").get("/heartbeat/pulses").then()
                .statusCode(400)
                .body("detail", containsString("before 'yesterday'"));
        given().get("/heartbeat/pulses/not-an-id").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not-an-id"));
    }

    @Test
    void anUnknownPulseIs404() {
        UUID unknown = UUID.randomUUID();
        given().get("/heartbeat/pulses/" + unknown).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString(unknown.toString()));
    }

    @Test
    void manualPulsesAreClosedWithoutAToken() {
        given().post("/heartbeat/pulses").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("heartbeat.api.token"))
                .body("detail", containsString("HEARTBEAT_API_TOKEN"));
    }
}
