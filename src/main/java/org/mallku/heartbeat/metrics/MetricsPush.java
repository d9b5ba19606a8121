package org.mallku.heartbeat.metrics;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.util.Outbound;

import io.micrometer.prometheus.PrometheusMeterRegistry;

/**
 * Pushes the {@code mallku_heartbeat_*} metrics of a {@code single-pulse} run to a Prometheus Pushgateway before
 * the process exits: a CronJob has no pod to scrape. The group is replaced (PUT) under {@code job} and
 * {@code instance}, so each run leaves the state after it. A push that fails is logged once and changes nothing
 * else: the exit code is the pulse's, and the push never holds the exit up for more than {@link Outbound#DEADLINE}.
 */
@ApplicationScoped
public class MetricsPush {

    private static final Logger LOG = Logger.getLogger(MetricsPush.class);
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
        String instance = config.push().instance().orElseGet(MetricsPush::hostName);
        URI target = URI.create(base.get().toString().replaceAll("/+$", "") + "/metrics/job/" + config.push().job()
                + "/instance/" + instance);
        String problem = push(target, exposition());
        // by origin only: the URL may hold credentials
        if (problem == null) {
            LOG.infof("Metrics pushed to %s (job %s, instance %s)", Outbound.origin(target), config.push().job(), instance);
        } else {
            LOG.warnf("Pushing the metrics to %s failed (%s); the exit code is the pulse's", Outbound.origin(target), problem);
        }
    }

    /** PUTs {@code exposition} to {@code target} within the {@link Outbound} deadlines; null when it was accepted, else why not. */
    static String push(URI target, String exposition) {
        try {
            return Outbound.exchange(Outbound.client(), HttpRequest.newBuilder(target)
                    .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .PUT(HttpRequest.BodyPublishers.ofString(exposition))
                    .build()).problem();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
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
