package org.mallku.heartbeat.api;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mallku.heartbeat.circle.Ceremony;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.health.HealthProbe;
import org.mallku.heartbeat.health.HeartbeatHealth;
import org.mallku.heartbeat.log.PulseRecord;
import org.mallku.heartbeat.pulse.ManualPulses;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseEngine;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.pulse.PulseReport;
import org.mallku.heartbeat.pulse.PulseStore;
import org.mallku.heartbeat.pulse.StoreHealth;
import org.mallku.heartbeat.rhythm.Rhythm;
import org.mallku.heartbeat.rhythm.RhythmView;
import org.mallku.heartbeat.util.Durations;
import org.mallku.heartbeat.util.Labels;
import org.mallku.heartbeat.voice.VoiceCatalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The heartbeat over HTTP: its state, its history, and a pulse on demand. */
@Tag(name = "heartbeat", description = "The heartbeat's state, its pulse history, and a pulse on demand")
@SecurityScheme(securitySchemeName = HeartbeatResource.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The value of heartbeat.api.token (env HEARTBEAT_API_TOKEN)")
@Path("/heartbeat")
@Produces(MediaType.APPLICATION_JSON)
@Singleton
public class HeartbeatResource {

    static final String BEARER = "bearer";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final HeartbeatConfig config;
    private final PulseMemory memory;
    private final PulseEngine engine;
    private final ManualPulses manual;
    private final VoiceCatalog catalog;
    private final ObjectMapper json;
    private final Rhythm rhythm;
    private final HealthProbe heartbeat;
    private final LargeAnswers large;

    public HeartbeatResource(HeartbeatConfig config, PulseMemory memory, PulseEngine engine, ManualPulses manual,
            VoiceCatalog catalog, ObjectMapper json, Rhythm rhythm, HealthProbe health, LargeAnswers large) {
        this.large = large;
        this.config = config;
        this.memory = memory;
        this.engine = engine;
        this.manual = manual;
        this.catalog = catalog;
        this.json = json;
        this.rhythm = rhythm;
        this.heartbeat = health;
    }

    @GET
    @Operation(summary = "The heartbeat now", description = "Its status (new, up, late, failing, down) with the reason, the last and next pulse, the rhythm, totals,"
            + " the available voices and the state of the pulse log; read from memory")
    public HeartbeatView state() {
        PulseHistory history = memory.history();
        PulseHistory.Counts counts = history.counts();
        StoreHealth health = memory.storeHealth();
        RhythmView rhythm = this.rhythm.view();
        HeartbeatHealth now = heartbeat.now();
        return new HeartbeatView(!now.bad(), now.status().label(), now.reason(), config.mode().configName(), engine.inFlight(),
                history.recent().isEmpty() ? null : PulseReport.of(history.recent().get(0)),
                rhythm.next() == null ? null
                        : new HeartbeatView.NextPulse(rhythm.next().at().toString(), rhythm.next().reason().label()),
                new HeartbeatView.RhythmState(Labels.of(rhythm.phase()), rhythm.state().label()),
                history.recentAverage(), history.recentFailed(), counts.total(), counts.alerts(), counts.celebrations(),
                counts.failed(),
                catalog.available().stream()
                        .map(v -> new HeartbeatView.VoiceView(v.id().provider(), v.id().model()))
                        .toList(),
                new HeartbeatView.LogView(health.writable(), health.reason(), health.pending(), health.records(),
                        health.skippedRecords()));
    }

    @GET
    @Path("pulses")
    @Operation(summary = "Recent pulses, newest first", description = "One page of pulse summaries; pass the last"
            + " one's id as before= for the next page")
    @APIResponse(responseCode = "200", description = "Pulse summaries, newest first", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = PulseReport.class)))
    @APIResponse(responseCode = "400", description = "limit or before is invalid; the detail says which", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.Body.class)))
    public List<PulseReport> pulses(
            @Parameter(description = "Pulses per page, 1 to " + MAX_LIMIT, schema = @Schema(type = SchemaType.INTEGER,
                    defaultValue = "" + DEFAULT_LIMIT)) @QueryParam("limit") String limit,
            @Parameter(description = "Only pulses older than this pulse id or ISO 8601 instant")
            @QueryParam("before") String before) {
        return memory.page(before(before), limit(limit)).stream().map(PulseReport::of).toList();
    }

    @GET
    @Path("pulses/{id}")
    @Operation(summary = "One pulse's full record", description = "Every round, each voice's reply, score, outcome"
            + " and latency, as kept in the pulse log")
    @APIResponse(responseCode = "200", description = "The pulse record",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PulseRecord.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.Body.class)))
    @APIResponse(responseCode = "404", description = "No pulse with this id is kept", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.Body.class)))
    @APIResponse(responseCode = "503", description = "Too many pulse records are being written at once; retry after"
            + " Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.Body.class)))
    public Response pulse(@Parameter(description = "The pulse id, a UUID") @PathParam("id") String id) {
        UUID uuid = Pulse.parseId(id).orElseThrow(() -> Problem.badRequest("id '" + id + "' is not a pulse id (a UUID)"));
        // written to bytes here, within the limit: returned as an object, it would be written after the limit let go
        byte[] record = large.make(() -> memory.find(uuid).map(pulse -> {
            try {
                return json.writeValueAsBytes(PulseRecord.of(pulse));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("pulse " + uuid + " cannot be written as JSON", e);
            }
        }).orElseThrow(() -> new Problem(404, "Not found", "No pulse with id " + uuid + " is kept")));
        return Response.ok(record, MediaType.APPLICATION_JSON).build();
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
     * {@link WriteAuthorization} has checked the token before the body was read ({@link ManualPulseGate} refuses a
     * wrong one earlier still, on the plain path).
     */
    @POST
    @Path("pulses")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Ask for a pulse now", description = "Starts a pulse and answers at once; follow the"
            + " Location to read it when it has finished. The body is optional.")
    @SecurityRequirement(name = BEARER)
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PulseRequest.class)))
    @APIResponse(responseCode = "202", description = "The pulse started", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "The body is not a pulse request, or names an unknown reason or"
            + " ceremony", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.Body.class)))
    @APIResponse(responseCode = "401", description = "No or a wrong bearer token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.Body.class)))
    @APIResponse(responseCode = "403", description = "Manual pulses are off: heartbeat.api.token is not set",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.Body.class)))
    @APIResponse(responseCode = "409", description = "A pulse is in flight", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.Body.class)))
    @APIResponse(responseCode = "413", description = "The body is over quarkus.http.limits.max-body-size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.Body.class)))
    @APIResponse(responseCode = "429", description = "Within heartbeat.api.manual-cooldown of the last manual pulse;"
            + " Retry-After says when", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.Body.class)))
    public Response trigger(String body) {
        PulseRequest request = request(body);
        PulseReason reason = reason(request);
        ManualPulses.Answer answer = manual.ask(reason, ceremony(request));
        if (answer instanceof ManualPulses.Answer.TooSoon tooSoon) {
            Duration wait = tooSoon.retryIn();
            long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
            throw new Problem(429, "Too many requests", "Manual pulses are at most one per "
                    + Durations.words(config.api().manualCooldown()) + " (heartbeat.api.manual-cooldown); retry in " + seconds + " s",
                    Map.of("Retry-After", Long.toString(seconds)));
        }
        if (!(answer instanceof ManualPulses.Answer.Started started)) {
            throw new Problem(409, "Conflict", "A pulse is in flight; try again when it has finished");
        }
        URI location = URI.create("/heartbeat/pulses/" + started.ticket().id());
        return Response.accepted(new Accepted(started.ticket().id().toString(), reason.label(), location.toString()))
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

    private static Optional<PulseStore.Before> before(String before) {
        if (before == null) {
            return Optional.empty();
        }
        Optional<UUID> id = Pulse.parseId(before);
        if (id.isPresent()) {
            return Optional.of(new PulseStore.Before.Id(id.get()));
        }
        try {
            return Optional.of(new PulseStore.Before.At(OffsetDateTime.parse(before.strip()).toInstant()));
        } catch (DateTimeParseException e) {
            throw Problem.badRequest("before '" + before + "' is neither a pulse id nor an ISO 8601 instant"
                    + " (2026-01-31T09:00:00Z)");
        }
    }
}
