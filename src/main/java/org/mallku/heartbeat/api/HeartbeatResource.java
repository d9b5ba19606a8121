package org.mallku.heartbeat.api;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.mallku.heartbeat.circle.Ceremony;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.health.Freshness;
import org.mallku.heartbeat.health.FreshnessProbe;
import org.mallku.heartbeat.log.LogHealth;
import org.mallku.heartbeat.log.LogStats;
import org.mallku.heartbeat.log.PulseLog;
import org.mallku.heartbeat.log.PulseRecord;
import org.mallku.heartbeat.pulse.PulseEngine;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.pulse.PulseSkipped;
import org.mallku.heartbeat.pulse.PulseSummary;
import org.mallku.heartbeat.pulse.PulseTicket;
import org.mallku.heartbeat.pulse.RecentPulses;
import org.mallku.heartbeat.rhythm.Rhythm;
import org.mallku.heartbeat.rhythm.RhythmView;
import org.mallku.heartbeat.voice.VoiceCatalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The heartbeat over HTTP: its state, its history, and a pulse on demand. */
@Path("/heartbeat")
@Produces(MediaType.APPLICATION_JSON)
@Singleton
public class HeartbeatResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final HeartbeatConfig config;
    private final PulseLog log;
    private final PulseEngine engine;
    private final VoiceCatalog catalog;
    private final Clock clock;
    private final Event<PulseSkipped> skipped;
    private final ObjectMapper json;
    private final Rhythm rhythm;
    private final FreshnessProbe freshness;
    private volatile Instant lastManual;

    public HeartbeatResource(HeartbeatConfig config, PulseLog log, PulseEngine engine, VoiceCatalog catalog, Clock clock,
            Event<PulseSkipped> skipped, ObjectMapper json, Rhythm rhythm, FreshnessProbe freshness) {
        this.config = config;
        this.log = log;
        this.engine = engine;
        this.catalog = catalog;
        this.clock = clock;
        this.skipped = skipped;
        this.json = json;
        this.rhythm = rhythm;
        this.freshness = freshness;
    }

    @GET
    public HeartbeatView state() {
        List<PulseSummary> recent = log.recent(PulseLog.WINDOW);
        LogStats stats = log.stats();
        LogHealth health = log.health();
        RhythmView rhythm = this.rhythm.view();
        Freshness fresh = freshness.now();
        return new HeartbeatView(!fresh.down(), fresh.status().label(), config.mode().configName(), engine.inFlight(),
                recent.isEmpty() ? null : PulseView.of(recent.get(0)),
                rhythm.next() == null ? null
                        : new HeartbeatView.NextPulse(rhythm.next().at().toString(), rhythm.next().reason().label()),
                new HeartbeatView.RhythmState(rhythm.phase().name().toLowerCase(java.util.Locale.ROOT),
                        rhythm.state().label()),
                RecentPulses.average(recent),
                RecentPulses.failed(recent), stats.total(), stats.alerts(), stats.celebrations(), stats.failed(),
                catalog.available().stream()
                        .map(v -> new HeartbeatView.VoiceView(v.id().provider(), v.id().model()))
                        .toList(),
                new HeartbeatView.LogView(health.writable(), health.reason(), health.pending(), stats.files(),
                        stats.skippedRecords()));
    }

    @GET
    @Path("pulses")
    public List<PulseView> pulses(@QueryParam("limit") String limit, @QueryParam("before") String before) {
        return log.page(before(before), limit(limit)).stream().map(PulseView::of).toList();
    }

    @GET
    @Path("pulses/{id}")
    public PulseRecord pulse(@PathParam("id") String id) {
        UUID uuid = uuid(id).orElseThrow(() -> Problem.badRequest("id '" + id + "' is not a pulse id (a UUID)"));
        return log.find(uuid).map(PulseRecord::of)
                .orElseThrow(() -> new Problem(404, "Not found", "No pulse with id " + uuid + " is kept"));
    }

    /**
     * The optional body of {@code POST /heartbeat/pulses}.
     *
     * @param reason   {@code manual} (the default) or {@code diagnostic}
     * @param ceremony a ceremony to run instead of the one recent scores would choose, for example {@code quick-pulse}
     */
    @RegisterForReflection
    public record PulseRequest(String reason, String ceremony) {
    }

    /** The answer to an accepted pulse. */
    @RegisterForReflection
    public record Accepted(String id, String reason, String location) {
    }

    /**
     * The body is optional and read by hand, so that a bare {@code curl -X POST} works without a content type.
     * {@link ManualPulseGate} has checked the token before the body was read.
     */
    @POST
    @Path("pulses")
    @Consumes(MediaType.WILDCARD)
    public Response trigger(String body) {
        PulseRequest request = request(body);
        PulseReason reason = reason(request);
        Optional<Ceremony> ceremony = ceremony(request);
        if (engine.inFlight()) {
            skipped.fire(new PulseSkipped(reason, PulseSkipped.OVERLAP));
            throw new Problem(409, "Conflict", "A pulse is in flight; try again when it has finished");
        }
        Duration wait = cooldownLeft();
        if (!wait.isZero()) {
            skipped.fire(new PulseSkipped(reason, PulseSkipped.COOLDOWN));
            long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
            throw new Problem(429, "Too many requests", "Manual pulses are at most one per "
                    + config.api().manualCooldown() + " (heartbeat.api.manual-cooldown); retry in " + seconds + " s",
                    Map.of("Retry-After", Long.toString(seconds)));
        }
        PulseTicket ticket = engine.trigger(reason, ceremony)
                .orElseThrow(() -> new Problem(409, "Conflict", "A pulse is in flight; try again when it has finished"));
        lastManual = clock.instant();
        URI location = URI.create("/heartbeat/pulses/" + ticket.id());
        return Response.accepted(new Accepted(ticket.id().toString(), reason.label(), location.toString()))
                .location(location)
                .build();
    }

    private PulseRequest request(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readValue(body, PulseRequest.class);
        } catch (JsonProcessingException e) {
            // the parser's own words name Java classes: say where, in words for the person sending it
            var where = e.getLocation();
            throw Problem.badRequest("The body must be JSON such as {\"reason\": \"manual\", \"ceremony\": \"quick-pulse\"}"
                    + " with text values" + (where == null ? "" : " (the problem is at line " + where.getLineNr()
                            + ", column " + where.getColumnNr() + ")"));
        }
    }

    private static PulseReason reason(PulseRequest request) {
        if (request == null || request.reason() == null) {
            return PulseReason.MANUAL;
        }
        return switch (request.reason()) {
            case "manual" -> PulseReason.MANUAL;
            case "diagnostic" -> PulseReason.DIAGNOSTIC;
            default -> throw Problem.badRequest("reason '" + request.reason() + "' is not one of: manual, diagnostic");
        };
    }

    private static Optional<Ceremony> ceremony(PulseRequest request) {
        if (request == null || request.ceremony() == null) {
            return Optional.empty();
        }
        return Optional.of(Ceremony.named(request.ceremony()).orElseThrow(() -> Problem.badRequest("ceremony '"
                + request.ceremony() + "' is not one of: "
                + Arrays.stream(Ceremony.values()).map(Ceremony::label).collect(Collectors.joining(", "))
                + " (or the reference's title, such as 'Consciousness Pulse')")));
    }

    /** Time left before another manual pulse is allowed; the log remembers manual pulses across restarts. */
    private Duration cooldownLeft() {
        Instant last = lastManual;
        for (PulseSummary p : log.recent(PulseLog.WINDOW)) {
            if (!p.reason().scheduled()) {
                last = last == null || p.startedAt().isAfter(last) ? p.startedAt() : last;
                break;
            }
        }
        if (last == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), last.plus(config.api().manualCooldown()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit.strip());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Problem.badRequest("limit '" + limit + "' must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static Optional<PulseLog.Before> before(String before) {
        if (before == null) {
            return Optional.empty();
        }
        Optional<UUID> id = uuid(before);
        if (id.isPresent()) {
            return Optional.of(new PulseLog.Before.Id(id.get()));
        }
        try {
            return Optional.of(new PulseLog.Before.At(OffsetDateTime.parse(before.strip()).toInstant()));
        } catch (DateTimeParseException e) {
            throw Problem.badRequest("before '" + before + "' is neither a pulse id nor an ISO 8601 instant"
                    + " (2026-01-31T09:00:00Z)");
        }
    }

    private static Optional<UUID> uuid(String text) {
        try {
            UUID id = UUID.fromString(text.strip());
            // UUID.fromString accepts shortened groups; a pulse id is always the canonical 36 characters
            return id.toString().equalsIgnoreCase(text.strip()) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
