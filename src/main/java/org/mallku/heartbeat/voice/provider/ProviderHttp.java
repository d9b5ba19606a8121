package org.mallku.heartbeat.voice.provider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * POSTs JSON to one provider with Vert.x's HTTP client and reads the answer as it streams, up to a byte limit. The
 * REST Client aggregates a whole body before it can be looked at, so a chunked reply without Content-Length could
 * fill the heap; here the connection is reset as soon as the limit is passed, and at most the limit is ever held.
 */
final class ProviderHttp {

    /** A provider's answer: status, its Retry-After header (or null) and the body, at most the limit long. */
    record Answer(int status, String retryAfter, String body) {
    }

    /** The reply went past the limit (declared by Content-Length, or counted while it streamed). */
    static final class TooLarge extends RuntimeException {
        private final long declared;

        TooLarge(long declared) {
            super("reply over the size limit", null, false, false);
            this.declared = declared;
        }

        /** The Content-Length the provider announced, or -1 when the limit was passed while streaming. */
        long declared() {
            return declared;
        }
    }

    /**
     * A connection opened ahead of its request (see {@link #connect()}), when, and whether it was lost meanwhile (a
     * server may close an idle connection); at most one is waiting.
     */
    private record Early(Future<HttpClientRequest> request, long openedAt, AtomicBoolean lost) {
    }

    private final AtomicReference<Early> early = new AtomicReference<>();
    private final HttpClient client;
    private final String host;
    private final int port;
    private final boolean tls;
    private final String basePath;
    private final long idleTimeoutMillis;
    private final int maxBytes;

    ProviderHttp(Vertx vertx, URI base, Duration connectTimeout, Duration readTimeout, int maxBytes) {
        this.tls = "https".equalsIgnoreCase(base.getScheme());
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.idleTimeoutMillis = readTimeout.toMillis();
        this.maxBytes = maxBytes;
        // host names are verified and sent as SNI; no compression, so the limit counts the bytes that are held
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .setSsl(tls)
                .setVerifyHost(true)
                .setDecompressionSupported(false));
    }

    /**
     * Opens a connection (TCP, and TLS for https) for the next request, and sends nothing: called when the circle
     * is known, a moment before its first round, so that the set-up runs while the request is being built instead
     * of before its bytes can leave. A connection not taken within half the read timeout is closed unused.
     */
    void connect() {
        if (early.get() == null) {
            AtomicBoolean lost = new AtomicBoolean();
            Future<HttpClientRequest> request = client.request(options(basePath));
            request.onSuccess(opened -> opened.exceptionHandler(closed -> lost.set(true)));
            Early opened = new Early(request, System.nanoTime(), lost);
            if (!early.compareAndSet(null, opened)) {
                discard(opened);
            }
        }
    }

    /**
     * Sends {@code json} to {@code path} below the base URL. Cancelling the returned Uni resets the request; a
     * transport failure fails it with Vert.x's exception, a body over the limit with {@link TooLarge}.
     */
    Uni<Answer> post(String path, Map<String, String> headers, byte[] json) {
        return Uni.createFrom().emitter(emitter -> {
            Exchange exchange = new Exchange(emitter);
            emitter.onTermination(exchange::abandon);
            open(basePath + path).onComplete(opened -> {
                if (opened.failed()) {
                    exchange.fail(opened.cause());
                    return;
                }
                HttpClientRequest request = opened.result();
                if (!exchange.start(request)) {
                    return;
                }
                headers.forEach(request::putHeader);
                request.idleTimeout(idleTimeoutMillis); // from now: an early request's clock started when it opened
                request.send(Buffer.buffer(json)).onComplete(sent -> {
                    if (sent.failed()) {
                        exchange.fail(sent.cause());
                    } else {
                        exchange.read(sent.result());
                    }
                });
            });
        });
    }

    /** A request on the connection opened ahead, if it opened, is fresh and was not lost; else on a new one. */
    private Future<HttpClientRequest> open(String uri) {
        Early waiting = early.getAndSet(null);
        if (waiting != null) {
            if (!waiting.lost().get()
                    && System.nanoTime() - waiting.openedAt() < TimeUnit.MILLISECONDS.toNanos(idleTimeoutMillis / 2)) {
                return waiting.request().map(request -> request.setURI(uri))
                        .recover(failed -> client.request(options(uri)));
            }
            discard(waiting);
        }
        return client.request(options(uri));
    }

    private RequestOptions options(String uri) {
        return new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(host)
                .setPort(port)
                .setSsl(tls)
                .setURI(uri)
                .setIdleTimeout(idleTimeoutMillis)
                .setFollowRedirects(false)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ACCEPT, "application/json");
    }

    private static void discard(Early unused) {
        unused.request().onSuccess(HttpClientRequest::reset);
    }

    /** One request and its answer; whichever of answer, failure or cancellation comes first settles it. */
    private final class Exchange {
        private final UniEmitter<? super Answer> emitter;
        private final AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        private final AtomicBoolean settled = new AtomicBoolean();

        Exchange(UniEmitter<? super Answer> emitter) {
            this.emitter = emitter;
        }

        /** Remembers the request so that a cancel can reset it; false when the exchange is already over. */
        boolean start(HttpClientRequest opened) {
            request.set(opened);
            if (settled.get()) {
                opened.reset();
                return false;
            }
            return true;
        }

        void read(HttpClientResponse response) {
            String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
            long declared = parseLength(length);
            if (declared > maxBytes) {
                fail(new TooLarge(declared));
                return;
            }
            Buffer body = Buffer.buffer();
            response.handler(chunk -> {
                if (settled.get()) {
                    return;
                }
                if (body.length() + chunk.length() > maxBytes) {
                    fail(new TooLarge(-1));
                } else {
                    body.appendBuffer(chunk);
                }
            });
            response.exceptionHandler(this::fail);
            response.endHandler(done -> {
                if (settled.compareAndSet(false, true)) {
                    emitter.complete(new Answer(response.statusCode(), response.getHeader(HttpHeaders.RETRY_AFTER),
                            body.toString(StandardCharsets.UTF_8)));
                }
            });
        }

        void fail(Throwable failure) {
            if (settled.compareAndSet(false, true)) {
                reset();
                emitter.fail(failure);
            }
        }

        /** Cancelled (or already settled): a request still open is reset, which closes its connection. */
        void abandon() {
            if (settled.compareAndSet(false, true)) {
                reset();
            }
        }

        private void reset() {
            HttpClientRequest open = request.get();
            if (open != null) {
                open.reset();
            }
        }
    }

    private static long parseLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
