package org.mallku.heartbeat.api;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Refuses unauthorized {@code POST /heartbeat/pulses} requests early, before any byte of their body is read: a
 * refusal costs a header compare, however large the body a client sends with a wrong token, and the connection
 * is closed rather than drained. An optimisation only: this route matches a path string, so the decision that no
 * spelling can avoid is {@link WriteAuthorization}'s, on the request the REST layer serves. Dev mode needs no token.
 */
@ApplicationScoped
public class ManualPulseGate {

    static final String PATH = "/heartbeat/pulses";

    private final ApiToken token;
    private final ObjectMapper json;
    private final MemorySize maxBody;

    public ManualPulseGate(ApiToken token, ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.token = token;
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
        Optional<Problem> refusal = token.refusal(request.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (refusal.isEmpty()) {
            request.next();
        } else {
            refusal.get().send(request, json);
        }
    }
}
