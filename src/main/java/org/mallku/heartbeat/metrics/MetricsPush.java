package org.mallku.heartbeat.metrics;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.util.Outbound;
import org.mallku.heartbeat.util.Urls;

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
        // the request carries no user part (the JDK's client would not send it anyway): the header does
        URI target = URI.create(Urls.withoutUserInfo(base.get()).toString().replaceAll("/+$", "") + "/metrics/job/"
                + config.push().job() + "/instance/" + instance);
        String problem = push(target, authorization(config.push()), exposition());
        // by origin only: the URL may hold credentials
        if (problem == null) {
            LOG.infof("Metrics pushed to %s (job %s, instance %s)", Urls.origin(target), config.push().job(), instance);
        } else {
            LOG.warnf("Pushing the metrics to %s failed (%s); the exit code is the pulse's", Urls.origin(target), problem);
        }
    }

    /**
     * The {@code Authorization: Basic} value for the Pushgateway: from {@code heartbeat.push.username} and
     * {@code .password}, else from the URL's user part ({@code http://user:secret@host:9091}, percent-decoded); empty
     * when neither is given.
     */
    static Optional<String> authorization(HeartbeatConfig.Push push) {
        Optional<String> credentials = push.username().isPresent() || push.password().isPresent()
                ? Optional.of(push.username().orElse("") + ":" + push.password().orElse(""))
                : push.url().map(URI::getUserInfo).map(user -> user.contains(":") ? user : user + ":");
        return credentials.map(pair -> "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * PUTs {@code exposition} to {@code target} (with {@code authorization} as its header when present) within the
     * {@link Outbound} deadlines; null when it was accepted, else why not (never the URL or the credentials).
     */
    static String push(URI target, Optional<String> authorization, String exposition) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .PUT(HttpRequest.BodyPublishers.ofString(exposition));
            authorization.ifPresent(value -> request.header("Authorization", value));
            return Outbound.exchange(Outbound.client(), request.build()).problem();
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
