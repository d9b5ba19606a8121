package org.mallku.heartbeat.notify;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseStarted;

/**
 * A dead man's switch in the healthchecks.io convention, which Uptime Kuma push monitors, Cronitor and Better
 * Stack also accept: {@code <url>/start} when a pulse starts, {@code <url>} when it ends with a result,
 * {@code <url>/fail} when it fails, each a POST with a one-line summary, sent by a {@link Sender}.
 */
@ApplicationScoped
public class Pings {

    private final Optional<URI> base;
    private final Optional<Sender> sender;

    public Pings(HeartbeatConfig config, Senders senders) {
        this.base = config.ping().url();
        this.sender = base.map(url -> senders.open("ping", url));
    }

    void onStart(@Observes PulseStarted started) {
        send("/start", "Pulse " + started.id() + " (" + started.reason().label() + ") started");
    }

    void onPulse(@Observes Pulse pulse) {
        send(pulse.failed() ? "/fail" : "", PulseLine.of(pulse));
    }

    private void send(String suffix, String body) {
        base.ifPresent(url -> sender.orElseThrow().send(HttpRequest.newBuilder(Sender.under(url, suffix))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build()));
    }
}
