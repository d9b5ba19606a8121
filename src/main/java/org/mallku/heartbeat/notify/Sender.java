package org.mallku.heartbeat.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Sends notifications in order on a thread of their own, so that a slow or dead receiver never holds up or
 * fails a pulse: {@link #TIMEOUT} per attempt, up to {@link #ATTEMPTS} attempts with a doubling pause (a refusal,
 * 4xx other than 408 and 429, is not retried), at most {@link #QUEUE} waiting (beyond that the newest is dropped,
 * with a warning). {@link #close()} gives those still waiting {@link #DRAIN} to go out, so that a single-pulse
 * run's last notification is sent before it exits. Logs name the receiver by its origin only: the path of a ping
 * or webhook URL often works as its password.
 */
final class Sender {

    private static final Logger LOG = Logger.getLogger(Sender.class);
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int ATTEMPTS = 3;
    static final Duration BACKOFF = Duration.ofMillis(500);
    static final Duration DRAIN = Duration.ofSeconds(10);
    static final int QUEUE = 100;

    private final String what;
    /**
     * Made by the delivery thread at its first request, not here: building one sets up TLS (the JDK's trusted
     * certificates and more, some 300 ms in a cold JVM), which a pulse that sends nothing must not wait for.
     */
    private HttpClient http;
    private final ExecutorService thread;

    Sender(String what) {
        this.what = what;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUE), runnable -> {
            Thread t = new Thread(runnable, "heartbeat-" + what.replace(' ', '-'));
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code path} under {@code base}, however many slashes the configured URL ends with. */
    static URI under(URI base, String path) {
        return URI.create(base.toString().replaceAll("/+$", "") + path);
    }

    /** The scheme, host and port of {@code url}: what a log may say about a receiver. */
    static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    /** Queues {@code request} (its body already set, its timeout {@link #TIMEOUT}); never blocks. */
    void send(HttpRequest request) {
        try {
            thread.execute(() -> deliver(request));
        } catch (RejectedExecutionException e) {
            LOG.warnf("A %s to %s was dropped: %d are still waiting", what, origin(request.uri()), QUEUE);
        }
    }

    private void deliver(HttpRequest request) {
        String problem = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                if (http == null) {
                    http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
                }
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    return;
                }
                problem = "HTTP " + status;
                if (status / 100 == 4 && status != 408 && status != 429) {
                    break;
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt < ATTEMPTS && !pause(BACKOFF.multipliedBy(1L << (attempt - 1)))) {
                return;
            }
        }
        LOG.warnf("A %s to %s failed (%s); it is not sent again", what, origin(request.uri()), problem);
    }

    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void close() throws InterruptedException {
        close(List.of(this));
    }

    /** Closes {@code senders} together: those still waiting get {@link #DRAIN} in all, not each. */
    static void close(List<Sender> senders) throws InterruptedException {
        senders.forEach(sender -> sender.thread.shutdown());
        long deadline = System.nanoTime() + DRAIN.toNanos();
        for (Sender sender : senders) {
            if (!sender.thread.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                sender.thread.shutdownNow();
            }
        }
    }
}
