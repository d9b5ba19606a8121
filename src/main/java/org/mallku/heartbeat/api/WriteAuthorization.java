package org.mallku.heartbeat.api;

import java.util.Optional;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The token check on every request the REST layer serves with a method that writes (anything but GET, HEAD and
 * OPTIONS), on any resource, present or future. It runs after the REST layer has matched the request to a resource
 * method, so it sees the request as it will be served, whatever its spelling: a check on a path string (such as
 * {@link ManualPulseGate}'s) can be passed by a spelling that the REST layer serves all the same. It runs before the
 * body is read.
 */
public class WriteAuthorization {

    private final ApiToken token;

    public WriteAuthorization(ApiToken token) {
        this.token = token;
    }

    @ServerRequestFilter
    public Optional<Response> authorize(ContainerRequestContext request) {
        String method = request.getMethod();
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)) {
            return Optional.empty();
        }
        return token.refusal(request.getHeaderString(HttpHeaders.AUTHORIZATION)).map(Problem::toResponse);
    }
}
