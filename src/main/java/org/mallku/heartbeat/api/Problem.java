package org.mallku.heartbeat.api;

import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * An RFC 9457 problem answered as {@code application/problem+json}: a status, a short title and a detail a
 * person can act on.
 */
public class Problem extends RuntimeException {

    public static final String MEDIA_TYPE = "application/problem+json";

    private final int status;
    private final String title;
    private final Map<String, String> headers;

    public Problem(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public Problem(int status, String title, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.headers = headers;
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "Bad request", detail);
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status)
                .type(MEDIA_TYPE)
                .entity(body());
        headers.forEach(response::header);
        return response.build();
    }

    /**
     * Answers this problem on a Vert.x route (ahead of the REST layer). When the request's body has not been read,
     * the connection is closed after the answer rather than drained.
     */
    void send(RoutingContext request, ObjectMapper json) {
        String body;
        try {
            body = json.writeValueAsString(body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpServerResponse response = request.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE);
        headers.forEach(response::putHeader);
        if (!request.request().isEnded()) {
            response.putHeader(HttpHeaders.CONNECTION, "close")
                    .endHandler(ended -> request.request().connection().close());
        }
        response.end(body);
    }

    int status() {
        return status;
    }

    Body body() {
        return new Body("about:blank", title, status, getMessage());
    }

    /** The JSON body of a problem. */
    @RegisterForReflection
    @Schema(name = "Problem", description = "An RFC 9457 problem")
    public record Body(String type, String title, int status, String detail) {
    }
}
