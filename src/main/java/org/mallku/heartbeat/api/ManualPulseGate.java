package org.mallku.heartbeat.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mallku.heartbeat.config.HeartbeatConfig;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

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
    private final MemorySize maxBody;

    public ManualPulseGate(HeartbeatConfig config, ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.config = config;
        this.json = json;
        this.maxBody = maxBody;
    }

    void install(@Observes Router router) {
        // ahead of the REST layer, which reads the body before the resource method runs
        router.post(PATH).order(-100).handler(this::admit);
        // then the body, at most the limit, with or without Content-Length; past it a 413 (HttpProblems); the REST
        // layer takes the body read here
        BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBody.asLongValue());
        router.post(PATH).order(-99).handler(request -> {
            if ("0".equals(request.request().getHeader(HttpHeaders.CONTENT_LENGTH))) {
                // nothing to read; with Content-Length: 0 the body handler never went on (Quarkus 3.33, Vert.x 4.5)
                request.next();
            } else {
                body.handle(request);
            }
        });
    }

    private void admit(RoutingContext request) {
        Optional<Problem> refusal = refusal(request.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (refusal.isEmpty()) {
            request.next();
        } else {
            refusal.get().send(request, json);
        }
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

}
