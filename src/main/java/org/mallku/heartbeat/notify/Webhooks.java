package org.mallku.heartbeat.notify;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.config.HeartbeatConfig.Webhook.Event;
import org.mallku.heartbeat.config.HeartbeatConfig.Webhook.Format;
import org.mallku.heartbeat.health.HeartbeatHealth;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseLearned;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.pulse.PulseOutcome;
import org.mallku.heartbeat.pulse.PulseReport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

/**
 * Posts the events each configured webhook asks for ({@code heartbeat.webhooks.<name>}), one request per event, as
 * JSON or as a Slack-style {@code {"text": ...}} message, signed with the webhook's secret when it has one. Every
 * event has an id derived from what it is about (the pulse, or the missed due time), so a retry or a restart sends
 * the same id and a receiver can drop the repeat. Delivery is a {@link Sender} per webhook: off the pulse thread,
 * in order, bounded, retried, each webhook on its own.
 */
@ApplicationScoped
public class Webhooks {

    static final String EVENT_HEADER = "X-Mallku-Event";
    static final String ID_HEADER = "X-Mallku-Event-Id";
    static final String SIGNATURE_HEADER = "X-Mallku-Signature";

    private record Hook(String name, URI url, Set<Event> events, Format format, Optional<String> secret, Sender sender) {
    }

    private final List<Hook> hooks = new ArrayList<>();
    private final HeartbeatConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final PulseMemory memory;
    /** The newest pulse failed. */
    private boolean failing;
    /** A down event went out, and no pulse with a result has come since. */
    private boolean down;

    public Webhooks(HeartbeatConfig config, ObjectMapper json, Clock clock, PulseMemory memory, Senders senders) {
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.memory = memory;
        config.webhooks().forEach((name, hook) -> {
            URI url = URI.create(hook.url().strip());
            hooks.add(new Hook(name, url, Set.copyOf(hook.events()), hook.format(), hook.secret(),
                    senders.open("webhook " + name, url)));
        });
    }

    synchronized void onStart(@Observes StartupEvent event) {
        failing = memory.history().last().map(Pulse::failed).orElse(false);
    }

    synchronized void onPulse(@Observes Pulse pulse) {
        List<Event> events = new ArrayList<>(List.of(Event.PULSE));
        switch (pulse.outcome()) {
            case ALERT -> events.add(Event.ALERT);
            case CELEBRATION -> events.add(Event.CELEBRATION);
            case FAILED, INTERRUPTED -> events.add(Event.FAILED);
            case OK -> {
            }
        }
        if (!pulse.failed() && (failing || down)) {
            events.add(Event.RECOVERED);
            down = false;
        }
        failing = pulse.failed();
        for (Event event : events) {
            publish(event, pulse.id().toString(), headline(event, pulse) + ": " + PulseLine.of(pulse), "pulse", PulseReport.of(pulse),
                    pulse.keyInsight());
        }
    }

    /**
     * A pulse another replica ran, which sent its events: this one only follows the state they leave, so that it
     * neither announces a recovery later nor stays silent at the next down spell. Every replica sends a down event,
     * with the same id (the expected time): receivers deduplicate on it.
     */
    synchronized void onLearned(@Observes PulseLearned learned) {
        failing = learned.pulse().failed();
        down &= failing;
    }

    /** Sends one down event when {@code now} is down, then none until a pulse with a result has come. */
    synchronized void check(@Observes HeartbeatHealth now) {
        if (now.status() != HeartbeatHealth.Status.DOWN || down) {
            return;
        }
        down = true;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", now.status().label());
        fields.put("reason", now.reason());
        fields.put("last_pulse", now.lastPulse() == null ? null : now.lastPulse().toString());
        fields.put("last_result", now.lastResult() == null ? null : now.lastResult().toString());
        fields.put("expected", now.expected() == null ? null : now.expected().toString());
        fields.put("grace_seconds", config.freshness().grace().toSeconds());
        publish(Event.DOWN, "expected/" + now.expected(), "Mallku heartbeat is down: " + now.reason(), "health", fields,
                null);
    }

    private String headline(Event event, Pulse pulse) {
        return switch (event) {
            case PULSE -> "Mallku heartbeat pulse";
            case ALERT -> String.format(Locale.ROOT, "Mallku heartbeat: low consciousness (below %.2f)",
                    config.thresholds().alert());
            case CELEBRATION -> String.format(Locale.ROOT, "Mallku heartbeat: celebration (above %.2f)",
                    config.thresholds().celebration());
            case FAILED -> "Mallku heartbeat: a pulse " + (pulse.outcome() == PulseOutcome.INTERRUPTED ? "was interrupted" : "failed");
            case RECOVERED -> "Mallku heartbeat recovered";
            case DOWN -> throw new IllegalArgumentException("a down event is about freshness, not a pulse");
        };
    }

    private void publish(Event event, String subject, String summary, String about, Object fields,
            String keyInsight) {
        UUID id = UUID.nameUUIDFromBytes(("mallku-heartbeat/" + event.label() + "/" + subject).getBytes(StandardCharsets.UTF_8));
        for (Hook hook : hooks) {
            if (hook.events().contains(event)) {
                byte[] body = body(hook.format(), id, event, summary, about, fields, keyInsight);
                HttpRequest.Builder request = HttpRequest.newBuilder(hook.url())
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "mallku-heartbeat")
                        .header(EVENT_HEADER, event.label())
                        .header(ID_HEADER, id.toString())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                hook.secret().ifPresent(secret -> request.header(SIGNATURE_HEADER, signature(secret, body)));
                hook.sender().send(request.build());
            }
        }
    }

    private byte[] body(Format format, UUID id, Event event, String summary, String about, Object fields,
            String keyInsight) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (format == Format.SLACK) {
            body.put("text", chatText(summary) + (keyInsight == null ? "" : "\n> " + chatText(keyInsight)));
        } else {
            body.put("id", id.toString());
            body.put("event", event.label());
            body.put("time", clock.instant().toString());
            body.put("service", "mallku-heartbeat");
            body.put("summary", summary);
            body.put(about, fields);
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A chat message from text that holds model output: Slack's control characters escaped and every {@code @}
     * broken by a zero-width space, so that a reply can neither format a link nor notify a channel.
     */
    static String chatText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "@\u200B");
    }

    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of {@code body} keyed with {@code secret}. */
    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
