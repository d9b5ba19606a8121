package org.mallku.heartbeat.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.cli.StatusCommand;
import org.mallku.heartbeat.log.PulseRecord;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseEngine;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.rhythm.Rhythm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** The read side of the API and its errors, with no API token configured. */
@QuarkusTest
class HeartbeatResourceTest {

    @Inject
    PulseEngine engine;
    @Inject
    PulseMemory memory;
    @Inject
    Rhythm rhythm;
    @Inject
    StatusCommand status;

    Pulse pulse() throws Exception {
        return engine.trigger(PulseReason.INTERVAL).orElseThrow().completion().get(30, TimeUnit.SECONDS);
    }

    @Test
    void theStateAtAGlance() throws Exception {
        Pulse last = pulse();
        PulseHistory history = memory.history();
        given().get("/heartbeat").then()
                .statusCode(200)
                .body("beating", equalTo(true))
                .body("status", equalTo("up"))
                .body("status_reason", startsWith("the last pulse had a result"))
                .body("mode", equalTo("service"))
                .body("last_pulse.id", equalTo(last.id().toString()))
                .body("last_pulse.outcome", equalTo(last.outcome().label()))
                .body("last_pulse.voices_present", equalTo(last.voicesPresent()))
                .body("recent_failed", equalTo(history.recentFailed()))
                .body("rhythm.phase", equalTo("establishing"))
                .body("rhythm.state", equalTo(rhythm.view().state().label()))
                .body("next_pulse", nullValue()) // the test profile schedules nothing
                .body("total_pulses", equalTo((int) history.counts().total()))
                .body("voices_available.provider", everyItem(equalTo("offline")))
                .body("voices_available[0]", hasKey("model"))
                .body("log.writable", equalTo(true));
        assertEquals(history.recentAverage(), given().get("/heartbeat").jsonPath().getDouble("recent_average"), 1e-6);
    }

    /** The API and the status command read one history: the same recent figures on the same log folder. */
    @Test
    void theApiAndTheStatusCommandAgree() throws Exception {
        pulse();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        status.run(true, new PrintStream(out, true, StandardCharsets.UTF_8));
        JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(report.get("recent_average").asDouble(),
                given().get("/heartbeat").jsonPath().getDouble("recent_average"), 1e-6);
        given().get("/heartbeat").then()
                .body("recent_failed", equalTo(report.get("recent_failed").asInt()))
                .body("total_pulses", equalTo(report.get("total_pulses").asInt()));
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
                .body("rounds[0].replies[0].text", equalTo(newer.rounds().get(0).replies().get(0).text()))
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
