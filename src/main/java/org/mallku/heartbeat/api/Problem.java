package org.mallku.heartbeat.api;

import java.util.Map;

import jakarta.ws.rs.core.Response;

import io.quarkus.runtime.annotations.RegisterForReflection;

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

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    Body body() {
        return new Body("about:blank", title, status, getMessage());
    }

    /** The JSON body of a problem. */
    @RegisterForReflection
    public record Body(String type, String title, int status, String detail) {
    }
}
