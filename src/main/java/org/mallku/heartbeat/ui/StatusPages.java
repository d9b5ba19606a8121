package org.mallku.heartbeat.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.mallku.heartbeat.api.LargeAnswers;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.health.HealthProbe;
import org.mallku.heartbeat.health.HeartbeatHealth;
import org.mallku.heartbeat.log.PulseRecord;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.pulse.PulseStore;
import org.mallku.heartbeat.pulse.PulseSummary;
import org.mallku.heartbeat.rhythm.Rhythm;
import org.mallku.heartbeat.rhythm.RhythmView;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The status page: the overview at {@code /}, the pulse list and each pulse's transcript, rendered by the server
 * (readable without JavaScript; {@code /ui/status.js} draws the chart and keeps the overview live). Read-only;
 * {@code heartbeat.ui.enabled=false} answers 404 instead.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class StatusPages {

    /** Pulses on a page of the list. */
    static final int PAGE = 50;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(Overview overview, String chart);

        static native TemplateInstance pulses(List<PulseItem> pulses, String older);

        static native TemplateInstance pulse(PulseItem pulse, PulseRecord record);
    }

    private final HeartbeatConfig config;
    private final PulseMemory memory;
    private final HealthProbe health;
    private final Rhythm rhythm;
    private final RecentVoices voices;
    private final ObjectMapper json;
    private final Clock clock;
    private final LargeAnswers large;
    /** The overview as last rendered, and what it showed. */
    private volatile Page page;

    public StatusPages(HeartbeatConfig config, PulseMemory memory, HealthProbe health, Rhythm rhythm,
            RecentVoices voices, ObjectMapper json, Clock clock, LargeAnswers large) {
        this.config = config;
        this.memory = memory;
        this.health = health;
        this.rhythm = rhythm;
        this.voices = voices;
        this.json = json;
        this.clock = clock;
        this.large = large;
    }

    @GET
    @Operation(hidden = true) // a page for people, not part of the API
    public String overview() {
        enabled();
        PulseHistory history = memory.history();
        HeartbeatHealth now = health.now();
        Instant at = clock.instant();
        Shown shown = new Shown(history, now.status(), now.reason(), now.lastPulse(), now.expected(),
                now.lastPulse() == null ? null : Overview.ago(Duration.between(now.lastPulse(), at)),
                rhythm.view(), voices.version());
        Page page = this.page;
        if (page == null || !page.shown().same(shown)) {
            Overview overview = Overview.of(history, now, shown.rhythm(), voices.rows(), config.thresholds().alert(),
                    config.thresholds().celebration(), config.timeZone(), at);
            String chart = chart(overview);
            page = new Page(shown, Templates.overview(overview, chart).render());
            this.page = page;
        }
        return page.html();
    }

    /**
     * What the overview depends on. A probe or a person polling the page gets the same text until one of these
     * changes (a pulse, a step of the status or its reason, the next second of "last pulse 3 min ago", the rhythm's
     * next pulse).
     */
    private record Shown(PulseHistory history, HeartbeatHealth.Status status, String reason, Instant lastPulse,
            Instant expected, String lastAgo, RhythmView rhythm, long voices) {

        /** The history is immutable and replaced with each pulse: the same instance is the same history. */
        boolean same(Shown other) {
            return history == other.history && status == other.status && Objects.equals(reason, other.reason)
                    && Objects.equals(lastPulse, other.lastPulse)
                    && Objects.equals(expected, other.expected) && Objects.equals(lastAgo, other.lastAgo)
                    && Objects.equals(rhythm, other.rhythm) && voices == other.voices;
        }
    }

    private record Page(Shown shown, String html) {
    }

    @GET
    @Path("pulses")
    @Operation(hidden = true) // a page for people, not part of the API
    public String pulses(@QueryParam("before") String before) {
        enabled();
        Optional<PulseStore.Before> from = before == null ? Optional.empty()
                : Optional.of(new PulseStore.Before.Id(id(before)));
        List<PulseItem> page = memory.page(from, PAGE).stream().map(p -> PulseItem.of(p, config.timeZone())).toList();
        return Templates.pulses(page, page.size() == PAGE ? page.get(PAGE - 1).id() : null).render();
    }

    @GET
    @Path("pulses/{id}")
    @Operation(hidden = true) // a page for people, not part of the API
    public String pulse(@PathParam("id") String id) {
        enabled();
        UUID uuid = id(id);
        // a whole transcript, read from the store and rendered: within the limit (the overview and the list hold
        // summaries only, and are not)
        return large.make(() -> {
            var pulse = memory.find(uuid).orElseThrow(() -> new NotFoundException("No pulse with id " + id + " is kept"));
            return Templates.pulse(PulseItem.of(PulseSummary.of(pulse), config.timeZone()), PulseRecord.of(pulse)).render();
        });
    }

    private String chart(Overview overview) {
        try {
            return json.writeValueAsString(overview.chart());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the chart's data could not be written as JSON", e);
        }
    }

    private void enabled() {
        if (!config.ui().enabled()) {
            throw new NotFoundException("The status page is off (heartbeat.ui.enabled=false); the API is at /heartbeat");
        }
    }

    private static UUID id(String text) {
        return Pulse.parseId(text).orElseThrow(() -> new NotFoundException("'" + text + "' is not a pulse id"));
    }
}
