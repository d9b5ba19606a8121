package org.mallku.heartbeat.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.mallku.heartbeat.config.HeartbeatConfig;

import io.micrometer.prometheus.PrometheusMeterRegistry;

/**
 * Pushes the {@code mallku_heartbeat_*} metrics of a {@code single-pulse} run to a Prometheus Pushgateway before
 * the process exits: a CronJob has no pod to scrape. The group is replaced (PUT) under {@code job} and
 * {@code instance}, so each run leaves the state after it. A push that fails is logged once and changes nothing
 * else: the exit code is the pulse's, and the push never holds the exit up for more than {@link #DEADLINE}.
 */
@ApplicationScoped
public class MetricsPush {

    private static final Logger LOG = Logger.getLogger(MetricsPush.class);
    static final Duration CONNECT = Duration.ofSeconds(5);
    /** The longest a push may take, connecting included. */
    static final Duration DEADLINE = Duration.ofSeconds(10);
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
            LOG.infof("Metrics pushed to %s (job %s, instance %s)", origin(target), config.push().job(), instance);
        } else {
            LOG.warnf("Pushing the metrics to %s failed (%s); the exit code is the pulse's", origin(target), problem);
        }
    }

    /**
     * PUTs {@code exposition} to {@code target} within {@link #CONNECT} to connect and {@link #DEADLINE} in all, body
     * included (the JDK's request timeout stops at the response headers); null when it was accepted, else why not.
     */
    static String push(URI target, String exposition) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT).build();
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(HttpRequest.newBuilder(target)
                .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(exposition))
                .build(), HttpResponse.BodyHandlers.discarding());
        try {
            int status = exchange.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).statusCode();
            return status / 100 == 2 ? null : "HTTP " + status;
        } catch (TimeoutException e) {
            return "no complete answer within " + DEADLINE.toSeconds() + " s";
        } catch (ExecutionException e) {
            return e.getCause() instanceof HttpConnectTimeoutException ? "no connection within " + CONNECT.toSeconds() + " s"
                    : e.getCause().getClass().getSimpleName(); // the class only: a message may quote the URL
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            exchange.cancel(true); // aborts the exchange if it still runs, closing its connection
        }
    }

    /** The scheme, host and port of {@code url}. */
    static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
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
