package org.mallku.heartbeat.notify;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.health.HeartbeatHealth;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseOutcome;
import org.mallku.heartbeat.pulse.PulseReport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Alerts without Prometheus: posts to Alertmanager's API v2 ({@code POST <url>/api/v2/alerts}) a low-consciousness
 * alert on an alert pulse, a failed-pulse alert on a failed one, and (in service mode, checked every minute) a
 * silence alert while freshness is down. Each pulse posts both pulse alerts, firing or resolved ({@code endsAt}
 * now), so the next fine pulse resolves them. A firing alert holds for {@link #HOLD} unless resolved or sent
 * again, so that a CronJob's alert outlives the run that raised it.
 */
@ApplicationScoped
public class AlertmanagerAlerts {

    static final String LOW = "MallkuHeartbeatLowConsciousness";
    static final String FAILED = "MallkuHeartbeatPulseFailed";
    static final String SILENT = "MallkuHeartbeatSilent";
    static final Duration HOLD = Duration.ofHours(24);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Optional<URI> url;
    private final HeartbeatConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final Optional<Sender> sender;
    private volatile boolean silent;

    public AlertmanagerAlerts(HeartbeatConfig config, ObjectMapper json, Clock clock, Senders senders) {
        this.url = config.alertmanager().url();
        this.sender = url.map(alertmanager -> senders.open("Alertmanager", alertmanager));
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    void onPulse(@Observes Pulse pulse) {
        if (url.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        String outcome = "pulse " + pulse.id() + " (" + pulse.reason().label() + ")";
        post(List.of(
                alert(LOW, "warning", pulse.outcome() == PulseOutcome.ALERT, now, "Mallku consciousness score "
                        + (pulse.score() == null ? "" : String.format(Locale.ROOT, "%.2f ", pulse.score()))
                        + "below heartbeat.thresholds.alert in " + outcome, pulse),
                alert(FAILED, "critical", pulse.failed(), now, "Mallku heartbeat " + outcome + " failed"
                        + (pulse.failureReason() == null ? "" : ": " + pulse.failureReason().label()), pulse)));
    }

    /** Fires while the heartbeat is down, re-sent every check; resolved once when it is no longer down. */
    void check(@Observes HeartbeatHealth now) {
        if (url.isEmpty()) {
            return;
        }
        boolean down = now.status() == HeartbeatHealth.Status.DOWN;
        if (down || silent) {
            post(List.of(alert(SILENT, "critical", down, clock.instant(), "The Mallku heartbeat is down: " + now.reason(),
                    null)));
        }
        silent = down;
    }

    private Map<String, Object> alert(String name, String severity, boolean firing, Instant now, String summary,
            Pulse pulse) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        if (pulse != null) {
            // the pulse as every other receiver gets it; annotations are strings, and a missing one reads as empty
            json.convertValue(PulseReport.of(pulse), MAP).forEach((field, value) -> {
                if (value != null) {
                    annotations.put(field, String.valueOf(value));
                }
            });
        }
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("labels", Map.of("alertname", name, "service", "mallku-heartbeat", "severity", severity));
        alert.put("annotations", annotations);
        alert.put("startsAt", (pulse == null ? now : pulse.startedAt()).toString());
        alert.put("endsAt", (firing ? now.plus(HOLD) : now).toString());
        return alert;
    }

    private void post(List<Map<String, Object>> alerts) {
        String body;
        try {
            body = json.writeValueAsString(alerts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        sender.orElseThrow().send(HttpRequest.newBuilder(Sender.under(url.orElseThrow(), "/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }
}
