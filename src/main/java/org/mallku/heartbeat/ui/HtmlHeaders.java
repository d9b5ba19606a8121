package org.mallku.heartbeat.ui;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The security headers of every HTML answer, decided when its headers are written, from its Content-Type: whatever
 * path spelling, resource, static file or error page produced it. The status page shows model output, so its pages
 * run only their own scripts, load nothing from another host, and cannot be framed. Quarkus' own pages under the
 * non-application root (Swagger UI, the Dev UI) run inline scripts: they get the same headers with a policy that
 * only forbids framing.
 */
@ApplicationScoped
public class HtmlHeaders {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    static final String FRAMING_ONLY = "frame-ancestors 'none'";

    private final String quarkusPages;

    public HtmlHeaders(@ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q") String root) {
        this.quarkusPages = "/" + root.replaceAll("^/+|/+$", "") + "/";
    }

    void install(@Observes Router router) {
        // first of all routes, so that every answer, a refusal included, passes here
        router.route().order(Integer.MIN_VALUE).handler(request -> {
            request.addHeadersEndHandler(written -> secure(request));
            request.next();
        });
    }

    private void secure(RoutingContext request) {
        MultiMap headers = request.response().headers();
        String type = headers.get(HttpHeaders.CONTENT_TYPE);
        if (type == null || !type.regionMatches(true, 0, "text/html", 0, 9)) {
            return;
        }
        String path = request.normalizedPath();
        headers.set("Content-Security-Policy", path != null && path.startsWith(quarkusPages) ? FRAMING_ONLY : POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
    }
}
