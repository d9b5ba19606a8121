package org.mallku.heartbeat.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.mallku.heartbeat.config.HeartbeatConfig;

import io.micrometer.prometheus.PrometheusMeterRegistry;

/**
 * Pushes the {@code mallku_heartbeat_*} metrics of a {@code single-pulse} run to a Prometheus Pushgateway before
 * the process exits: a CronJob has no pod to scrape. The group is replaced (PUT) under {@code job} and
 * {@code instance}, so each run leaves the state after it. A push that fails is logged once and changes nothing
 * else: the exit code is the pulse's, and the push never holds the exit up for more than {@link #TIMEOUT}.
 */
@ApplicationScoped
public class MetricsPush {

    private static final Logger LOG = Logger.getLogger(MetricsPush.class);
    /** The longest a push may take, connecting included. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String PREFIX = "mallku_heartbeat_";

    private final HeartbeatConfig config;
    private final PrometheusMeterRegistry registry;

    public MetricsPush(HeartbeatConfig config, PrometheusMeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Pushes when {@code heartbeat.push.url} is set; never throws. */
    public void push() {
        Optional<URI> base = config.push().url();
        if (base.isEmpty()) {
            return;
        }
        URI target = URI.create(base.get().toString().replaceAll("/+$", "") + "/metrics/job/" + config.push().job()
                + "/instance/" + config.push().instance().orElseGet(MetricsPush::hostName));
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(target)
                    .timeout(TIMEOUT)
                    .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .PUT(HttpRequest.BodyPublishers.ofString(exposition()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                LOG.warnf("Pushing the metrics to %s failed: HTTP %d; the exit code is the pulse's", target,
                        response.statusCode());
            } else {
                LOG.infof("Metrics pushed to %s", target);
            }
        } catch (IOException e) {
            LOG.warnf("Pushing the metrics to %s failed (%s); the exit code is the pulse's", target,
                    e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The heartbeat's own series in the text format, with their HELP and TYPE lines. */
    String exposition() {
        return registry.scrape().lines()
                .filter(line -> line.startsWith(PREFIX) || line.startsWith("# HELP " + PREFIX)
                        || line.startsWith("# TYPE " + PREFIX))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "localhost" : host.strip();
    }
}
