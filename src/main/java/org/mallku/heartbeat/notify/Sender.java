package org.mallku.heartbeat.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.mallku.heartbeat.util.Durations;
import org.mallku.heartbeat.util.Outbound;
import org.mallku.heartbeat.util.Urls;

/**
 * Sends the notifications for one receiver in order, on a thread and queue of its own, so that a slow, dead or
 * stuck receiver never holds up a pulse or another receiver's notifications.
 * <p>
 * Every attempt has deadlines: {@link Outbound#CONNECT} to connect and {@link Outbound#DEADLINE} for the whole exchange, body
 * included (the JDK's request timeout stops at the response headers: a receiver that sends them and never the
 * body would hold the thread for good). A quick failure (refused connection, 5xx, 408, 429) is tried again, up to
 * {@link #ATTEMPTS} attempts with a doubling pause; a refusal (another 4xx) and a deadline are not: a stuck
 * receiver would only hold its queue three times as long. A notification that fails is dropped. While a receiver
 * fails, each of its notifications gets one attempt, and the log says so once: one WARN when it starts failing,
 * one INFO with the count dropped when it answers again. At most {@link #QUEUE} wait; beyond that the newest is
 * dropped. {@link #close} gives those still waiting the shutdown's time to go out, so that a single-pulse run's
 * last notification is sent before it exits. Logs name the receiver by its origin only: the path of a ping or
 * webhook URL often works as its password.
 */
final class Sender {

    private static final Logger LOG = Logger.getLogger(Sender.class);
    static final int ATTEMPTS = 3;
    static final Duration BACKOFF = Duration.ofMillis(500);
    static final int QUEUE = 100;

    private final String what;
    private final String origin;
    /**
     * Made by the delivery thread at its first request, not here: building one sets up TLS (the JDK's trusted
     * certificates and more, some 300 ms in a cold JVM), which a pulse that sends nothing must not wait for.
     */
    private HttpClient http;
    private final ExecutorService thread;
    /** Set when closing: no more retries, and nothing more for a receiver that fails. */
    private volatile boolean closing;
    /** The receiver's last notification failed; guarded by {@code this}, as {@link #dropped}. */
    private boolean failing;
    /** Notifications dropped since the receiver started failing. */
    private int dropped;

    /** For the receiver at {@code receiver}, called {@code what} in logs (with its origin). */
    Sender(String what, URI receiver) {
        this.what = what;
        this.origin = Urls.origin(receiver);
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


    /** Queues {@code request} (its body already set, no timeout needed: the sender sets the deadlines); never blocks. */
    void send(HttpRequest request) {
        try {
            thread.execute(() -> deliver(request));
        } catch (RejectedExecutionException e) {
            if (thread.isShutdown()) {
                LOG.warnf("A notification for the %s at %s came after shutdown and was not sent", what, origin);
            } else {
                failed(QUEUE + " notifications still waiting");
            }
        }
    }

    private void deliver(HttpRequest request) {
        boolean retry;
        synchronized (this) {
            if (failing && closing) {
                dropped++; // shutdown's time goes to the receivers that answer
                return;
            }
            retry = !failing;
        }
        int attempts = retry ? ATTEMPTS : 1;
        String problem = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Outbound.Answer answer;
            try {
                answer = Outbound.exchange(client(), request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the end of the shutdown's time: close() counts it
                return;
            }
            if (answer.ok()) {
                answered();
                return;
            }
            problem = answer.problem();
            int status = answer.status();
            if (answer.stuck() || (status / 100 == 4 && status != 408 && status != 429)) {
                break;
            }
            if (attempt < attempts && closing) {
                break; // the shutdown's time is for those not yet sent
            }
            if (attempt < attempts && !pause(BACKOFF.multipliedBy(1L << (attempt - 1)))) {
                return;
            }
        }
        failed(problem);
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = Outbound.client();
        }
        return http;
    }

    private synchronized void failed(String problem) {
        dropped++;
        if (!failing) {
            failing = true;
            LOG.warnf("The %s at %s fails (%s): its notifications are dropped, one attempt each, until it answers again",
                    what, origin, problem);
        }
    }

    private synchronized void answered() {
        if (failing) {
            LOG.infof("The %s at %s answers again; %d notification(s) were dropped while it failed", what, origin, dropped);
            failing = false;
            dropped = 0;
        }
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

    /**
     * Closes {@code senders} together: those still waiting get {@code budget} in all, not each; then what is in
     * flight is aborted and what still waits is dropped, with a WARN per receiver that lost some.
     */
    static void close(List<Sender> senders, Duration budget) throws InterruptedException {
        senders.forEach(sender -> {
            sender.closing = true;
            sender.thread.shutdown();
        });
        long deadline = System.nanoTime() + budget.toNanos();
        for (Sender sender : senders) {
            int unsent = 0;
            if (!sender.thread.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                unsent = sender.thread.shutdownNow().size() + 1; // those waiting, and the one interrupted
            }
            synchronized (sender) {
                if (unsent > 0) {
                    LOG.warnf("The %s at %s: %d notification(s) not sent within the shutdown timeout of %s", sender.what,
                            sender.origin, unsent, Durations.words(budget));
                } else if (sender.failing) {
                    LOG.infof("The %s at %s still fails at shutdown; %d notification(s) were dropped", sender.what,
                            sender.origin, sender.dropped);
                }
            }
        }
    }
}
