package org.mallku.heartbeat.util;

import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One request to a receiver outside (a webhook, Alertmanager, a ping, the Pushgateway) within deadlines:
 * {@link #CONNECT} to connect and {@link #DEADLINE} for the whole exchange, body included. The JDK's request timeout
 * stops at the response headers: a receiver that sends them and never the body would hold the caller for good.
 * Whatever is logged about a receiver names it by {@link Urls#origin(java.net.URI)} only.
 */
public final class Outbound {

    public static final Duration CONNECT = Duration.ofSeconds(5);
    public static final Duration DEADLINE = Duration.ofSeconds(10);

    private Outbound() {
    }

    /**
     * What came of an exchange: a status, or why there is none.
     *
     * @param status  the HTTP status, 0 when there was no answer
     * @param problem why it failed, in words for a log (never the URL); {@code null} for a 2xx
     * @param stuck   the receiver did not connect or answer in time: trying again would only wait as long again
     */
    public record Answer(int status, String problem, boolean stuck) {
        public boolean ok() {
            return problem == null;
        }
    }

    public static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(CONNECT).build();
    }

    /** Sends {@code request}, its body discarded, within the deadlines. */
    public static Answer exchange(HttpClient http, HttpRequest request) throws InterruptedException {
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            int status = exchange.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).statusCode();
            return new Answer(status, status / 100 == 2 ? null : "HTTP " + status, false);
        } catch (TimeoutException e) {
            return new Answer(0, "no complete answer within " + Durations.words(DEADLINE), true);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpConnectTimeoutException) {
                return new Answer(0, "no connection within " + Durations.words(CONNECT), true);
            }
            return new Answer(0, e.getCause().getClass().getSimpleName(), false); // the class only: a message may quote the URL
        } finally {
            // aborts the exchange if it still runs (JDK 16+), closing its connection rather than leaking it
            exchange.cancel(true);
        }
    }
}
