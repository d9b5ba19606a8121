package org.mallku.heartbeat.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Sends notifications in order on a thread of their own, so that a slow or dead receiver never holds up or
 * fails a pulse: {@link #TIMEOUT} per attempt, {@link #ATTEMPTS} attempts with a growing pause, at most
 * {@link #QUEUE} waiting (beyond that the newest is dropped, with a warning). {@link #close()} gives those still
 * waiting {@link #DRAIN} to go out, so that a single-pulse run's last notification is sent before it exits.
 */
final class Sender {

    private static final Logger LOG = Logger.getLogger(Sender.class);
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int ATTEMPTS = 3;
    static final Duration BACKOFF = Duration.ofMillis(500);
    static final Duration DRAIN = Duration.ofSeconds(10);
    static final int QUEUE = 100;

    private final String what;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
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

    /** Queues {@code request} (its body already set, its timeout {@link #TIMEOUT}); never blocks. */
    void send(HttpRequest request) {
        try {
            thread.execute(() -> deliver(request));
        } catch (RejectedExecutionException e) {
            LOG.warnf("A %s to %s was dropped: %d are still waiting", what, request.uri(), QUEUE);
        }
    }

    private void deliver(HttpRequest request) {
        String problem = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    return;
                }
                problem = "HTTP " + status;
            } catch (IOException e) {
                problem = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt < ATTEMPTS && !pause(BACKOFF.multipliedBy(attempt))) {
                return;
            }
        }
        LOG.warnf("A %s to %s failed after %d attempts (%s)", what, request.uri(), ATTEMPTS, problem);
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
        thread.shutdown();
        if (!thread.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
            thread.shutdownNow();
        }
    }
}
