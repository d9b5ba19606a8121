package org.mallku.heartbeat.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.mallku.heartbeat.config.HeartbeatConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.LaunchMode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets through only authorized {@code POST /heartbeat/pulses} requests, before any byte of their body is read: a
 * refusal costs a header compare, however large the body a client sends with a wrong token, and the connection
 * is closed rather than drained. Dev mode needs no token.
 */
@ApplicationScoped
public class ManualPulseGate {

    static final String PATH = "/heartbeat/pulses";

    private final HeartbeatConfig config;
    private final ObjectMapper json;

    public ManualPulseGate(HeartbeatConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void install(@Observes Router router) {
        // ahead of the REST layer, which reads the body before the resource method runs
        router.post(PATH).order(-100).handler(this::admit);
    }

    private void admit(RoutingContext request) {
        Optional<Problem> refusal = refusal(request.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (refusal.isEmpty()) {
            request.next();
            return;
        }
        Problem problem = refusal.get();
        var response = request.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close");
        problem.headers().forEach(response::putHeader);
        response.end(body(problem));
    }

    /** Why a request with this {@code Authorization} header may not start a pulse; empty when it may. */
    Optional<Problem> refusal(String authorization) {
        Optional<String> token = config.api().token().filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            return LaunchMode.current() == LaunchMode.DEVELOPMENT ? Optional.empty()
                    : Optional.of(new Problem(403, "Forbidden", "Manual pulses are disabled: set heartbeat.api.token"
                            + " (env HEARTBEAT_API_TOKEN) and send it as 'Authorization: Bearer <token>'"));
        }
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip()
                : "";
        // constant time, so the answer's timing does not tell how much of a guess was right
        if (MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token.get().getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(new Problem(401, "Unauthorized", "A valid 'Authorization: Bearer <token>' header is required",
                Map.of("WWW-Authenticate", "Bearer")));
    }

    private String body(Problem problem) {
        try {
            return json.writeValueAsString(problem.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
