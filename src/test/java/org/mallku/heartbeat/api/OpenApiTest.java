package org.mallku.heartbeat.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The API describes itself: every endpoint, the bearer scheme on the manual pulse, each problem answer as
 * application/problem+json, and the field names as the API writes them (snake_case).
 */
@QuarkusTest
class OpenApiTest {

    @Test
    void theDocumentDescribesTheApiAsItAnswers() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        assertEquals("Mallku Heartbeat API", doc.path("info").path("title").asText());
        assertEquals(List.of("/heartbeat", "/heartbeat/pulses", "/heartbeat/pulses/{id}"),
                iterate(doc.path("paths").fieldNames()));

        JsonNode scheme = doc.path("components").path("securitySchemes").path("bearer");
        assertEquals("http", scheme.path("type").asText());
        assertEquals("bearer", scheme.path("scheme").asText());
        JsonNode post = doc.path("paths").path("/heartbeat/pulses").path("post");
        assertTrue(post.path("security").get(0).has("bearer"), post.toString());
        assertTrue(doc.path("paths").path("/heartbeat").path("get").path("security").isMissingNode(),
                "reading needs no token");
        for (String status : List.of("400", "401", "403", "409", "413", "429")) {
            JsonNode problem = post.path("responses").path(status).path("content").path(Problem.MEDIA_TYPE);
            assertEquals("#/components/schemas/Problem", problem.path("schema").path("$ref").asText(), status + ": " + post);
        }
        assertEquals("#/components/schemas/Accepted",
                post.path("responses").path("202").path("content").path("application/json").path("schema").path("$ref").asText());
        assertEquals(List.of("type", "title", "status", "detail"),
                iterate(doc.path("components").path("schemas").path("Problem").path("properties").fieldNames()));

        JsonNode view = doc.path("components").path("schemas").path("HeartbeatView").path("properties");
        assertTrue(view.has("last_pulse") && view.has("next_pulse") && !view.has("lastPulse"), view.toString());
        JsonNode limit = null;
        for (JsonNode parameter : doc.path("paths").path("/heartbeat/pulses").path("get").path("parameters")) {
            limit = parameter.path("name").asText().equals("limit") ? parameter : limit;
        }
        assertEquals("integer", limit.path("schema").path("type").asText(), "limit is a number, though read as text");
        assertTrue(doc.path("components").path("schemas").path("PulseRecord").path("properties").has("consciousness_score"));
    }

    @Test
    void swaggerUiIsServed() {
        // Swagger UI runs inline scripts: of the status page's policy it keeps only the ban on framing
        String page = given().get("/q/swagger-ui/").then().statusCode(200)
                .header("Content-Security-Policy", "frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .extract().asString();
        assertTrue(page.contains("swagger-ui"), page);
    }

    private static List<String> iterate(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
