package org.mallku.heartbeat.api;

import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Problems answered by the HTTP layer itself, ahead of the REST resources, in the same plain words as theirs:
 * a path with matrix parameters, methods the health and metrics endpoints do not serve (TRACE anywhere, which would
 * echo a request back) and a body over the size limit, which Vert.x answers with an empty body. (A request line whose URI is not valid, such
 * as a malformed %-escape, is refused with an empty 400 by Quarkus' HTTP server before any route or filter runs.)
 */
@ApplicationScoped
public class HttpProblems {

    /** The read-only endpoints that are Vert.x routes rather than REST resources. */
    private static final String[] READ_ONLY = { "/health", "/metrics" };

    private final ObjectMapper json;
    private final MemorySize maxBody;

    public HttpProblems(ObjectMapper json, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.json = json;
        this.maxBody = maxBody;
    }

    void install(@Observes Router router) {
        router.route().order(-201).handler(this::spelling);
        router.route().order(-200).handler(this::methods);
        router.route().order(-200).failureHandler(this::failure);
    }

    /**
     * The REST layer strips matrix parameters ({@code /heartbeat/pulses;x=1}) and serves the resource without them,
     * while a route or a filter that matches the path sees another string: nothing here takes them, so a path with a
     * ';', plain or escaped, is refused before anything else sees it.
     */
    private void spelling(RoutingContext request) {
        String path = request.request().path();
        if (path != null && (path.indexOf(';') >= 0 || path.toLowerCase(Locale.ROOT).contains("%3b"))) {
            new Problem(400, "Bad request", "Matrix parameters (';' in the path) are not served; send the path without"
                    + " them, such as /heartbeat/pulses").send(request, json);
        } else {
            request.next();
        }
    }

    private void methods(RoutingContext request) {
        HttpMethod method = request.request().method();
        boolean readOnly = isReadOnly(request.normalizedPath());
        if (method == HttpMethod.TRACE || readOnly && method != HttpMethod.GET && method != HttpMethod.HEAD) {
            new Problem(405, "Method not allowed", method.name() + " is not served here"
                    + (readOnly ? "; use GET" : ""), readOnly ? Map.of("Allow", "GET, HEAD") : Map.of()).send(request, json);
        } else {
            request.next();
        }
    }

    private static boolean isReadOnly(String path) {
        for (String root : READ_ONLY) {
            if (path.equals(root) || path.startsWith(root + "/")) {
                return true;
            }
        }
        return false;
    }

    /** Failures without an exception carry only a status: give them a body. Others go on to Quarkus' handler. */
    private void failure(RoutingContext request) {
        if (request.failure() != null || request.response().headWritten()) {
            request.next();
            return;
        }
        int status = request.statusCode() < 0 ? 500 : request.statusCode();
        String title = HttpResponseStatus.valueOf(status).reasonPhrase();
        String detail = status == 413 ? "The request body is over the " + maxBody.asLongValue() + "-byte limit; a pulse"
                + " request is a small JSON object such as {\"ceremony\": \"quick-pulse\"}" : title;
        new Problem(status, title, detail).send(request, json);
    }
}
