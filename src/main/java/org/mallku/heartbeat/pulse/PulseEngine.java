package org.mallku.heartbeat.pulse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.mallku.heartbeat.circle.Ceremony;
import org.mallku.heartbeat.circle.CeremonySelector;
import org.mallku.heartbeat.circle.Circle;
import org.mallku.heartbeat.circle.Convener;
import org.mallku.heartbeat.circle.Round;
import org.mallku.heartbeat.circle.Scorer;
import org.mallku.heartbeat.circle.VoiceSelector;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.util.Durations;
import org.mallku.heartbeat.voice.ReplyOutcome;
import org.mallku.heartbeat.voice.VoiceCatalog;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Runs one pulse at a time: choose the ceremony from recent scores, choose the circle, convene it, judge the
 * result, keep the record and announce it (a CDI event carrying the {@link Pulse}). A trigger while a pulse is
 * in flight is refused, never queued and never run beside it. On shutdown the pulse in flight gets until
 * {@code quarkus.shutdown.timeout} to finish and is otherwise recorded as interrupted.
 */
@ApplicationScoped
public class PulseEngine {

    private static final Logger LOG = Logger.getLogger(PulseEngine.class);
    /** How long an interrupted pulse gets to write its record once told to stop. */
    private static final Duration RECORD_INTERRUPTED = Duration.ofSeconds(5);

    private final HeartbeatConfig config;
    private final Clock clock;
    private final VoiceCatalog catalog;
    private final PulseMemory memory;
    private final Convener convener;
    private final PulseJudge judge;
    private final Event<Pulse> completed;
    private final Event<PulseSkipped> skipped;
    private final Event<PulseStarted> started;
    private final Duration shutdownTimeout;
    private final Replicas replicas;
    private final AtomicReference<InFlight> inFlight = new AtomicReference<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "heartbeat-pulse"));

    public PulseEngine(HeartbeatConfig config, Clock clock, VoiceCatalog catalog, PulseMemory memory,
            Scorer scorer, Event<Pulse> completed, Event<PulseSkipped> skipped, Event<PulseStarted> started,
            Replicas replicas, @ConfigProperty(name = "quarkus.shutdown.timeout", defaultValue = "30s") Duration shutdownTimeout) {
        this.config = config;
        this.clock = clock;
        this.catalog = catalog;
        this.memory = memory;
        this.convener = new Convener(scorer);
        this.judge = new PulseJudge(config.thresholds().alert(), config.thresholds().celebration());
        this.completed = completed;
        this.skipped = skipped;
        this.started = started;
        this.shutdownTimeout = shutdownTimeout;
        this.replicas = replicas;
    }

    /** Starts a pulse now, unless one is in flight: then the trigger is refused and counted as an overlap. */
    public Optional<PulseTicket> trigger(PulseReason reason) {
        return trigger(reason, Optional.empty());
    }

    /** As {@link #trigger(PulseReason)}, with the ceremony named instead of chosen from recent scores. */
    public Optional<PulseTicket> trigger(PulseReason reason, Optional<Ceremony> ceremony) {
        return trigger(reason, ceremony, Optional.empty());
    }

    /**
     * As {@link #trigger(PulseReason, Optional)}, for the due time {@code claim} when it is a scheduled pulse: it is
     * refused too while another replica has a pulse in flight, or has claimed that due time.
     */
    public Optional<PulseTicket> trigger(PulseReason reason, Optional<Ceremony> ceremony, Optional<Replicas.Claim> claim) {
        InFlight run = new InFlight(UUID.randomUUID(), reason, ceremony, new CompletableFuture<>(), new CompletableFuture<>());
        if (!inFlight.compareAndSet(null, run)) {
            LOG.infof("A %s pulse was refused: pulse %s is still in flight", reason.label(), shortId(inFlight.get().id()));
            skipped.fire(new PulseSkipped(reason, PulseSkipped.Cause.OVERLAP));
            return Optional.empty();
        }
        Optional<PulseSkipped.Cause> refused = replicas.depart(run.id(), claim);
        if (refused.isPresent()) {
            inFlight.set(null);
            LOG.infof("A %s pulse was refused: %s", reason.label(), refused.get() == PulseSkipped.Cause.OVERLAP
                    ? "a pulse is in flight on another replica" : "its due time is claimed by another replica");
            skipped.fire(new PulseSkipped(reason, refused.get()));
            return Optional.empty();
        }
        try {
            executor.execute(() -> run(run));
        } catch (RejectedExecutionException e) {
            replicas.landed(run.id());
            inFlight.set(null);
            return Optional.empty();
        }
        return Optional.of(new PulseTicket(run.id(), reason, run.done()));
    }

    /** Whether a pulse is running now. */
    public boolean inFlight() {
        return inFlight.get() != null;
    }

    private void run(InFlight run) {
        try {
            started.fire(new PulseStarted(run.id(), run.reason()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "An observer of the start of pulse %s failed", shortId(run.id()));
        }
        Pulse pulse;
        try {
            pulse = pulse(run);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Pulse %s failed unexpectedly", shortId(run.id()));
            Instant now = now();
            pulse = PulseJudge.failed(run.id(), run.reason(), now, now, null, FailureReason.INTERNAL_ERROR,
                    "Internal error: " + e.getClass().getSimpleName());
        }
        keep(pulse);
        replicas.landed(run.id());
        inFlight.set(null);
        run.done().complete(pulse);
    }

    private Pulse pulse(InFlight run) {
        Instant started = now();
        Ceremony ceremony = run.ceremony().orElseGet(() -> CeremonySelector.select(memory.history().trend(),
                run.reason().scheduled(), started.atZone(config.timeZone())));
        Circle circle = VoiceSelector.choose(ceremony, catalog.available(), config.voices().min(), config.voices().max());
        if (!circle.sufficient()) {
            List<String> leftOut = catalog.leftOut();
            return PulseJudge.failed(run.id(), run.reason(), started, now(), ceremony, FailureReason.INSUFFICIENT_VOICES,
                    "Only " + circle.voices().size() + " distinct voice(s) available; heartbeat.voices.min is "
                            + circle.required() + (leftOut.isEmpty() ? "" : "; left out: " + String.join("; ", leftOut)));
        }
        List<Round> rounds = convener.convene(run.id(), ceremony, circle.voices(), config.checkInDuration(), run.stop());
        boolean interrupted = rounds.size() < ceremony.rounds().size() || rounds.stream()
                .flatMap(r -> r.replies().stream())
                .anyMatch(r -> r.outcome() == ReplyOutcome.INTERRUPTED);
        return judge.judge(run.id(), run.reason(), started, now(), ceremony, circle.voices(), rounds, interrupted);
    }

    /** Records keep milliseconds; so does the pulse, so that a record reads back equal to it. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private void keep(Pulse pulse) {
        try {
            memory.record(pulse);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Pulse %s could not be kept", shortId(pulse.id()));
        }
        // a pulse without a result is an error, an alert a warning (as the reference logs it): both reach a log alert
        LOG.log(pulse.failed() ? Logger.Level.ERROR : pulse.alert() ? Logger.Level.WARN : Logger.Level.INFO, describe(pulse));
        try {
            completed.fire(pulse);
        } catch (RuntimeException e) {
            LOG.errorf(e, "An observer of pulse %s failed", shortId(pulse.id()));
        }
    }

    /** One readable line: id, reason, ceremony, voices, score and outcome. */
    static String describe(Pulse pulse) {
        String ceremony = pulse.ceremony() == null ? "no ceremony" : pulse.ceremony().title();
        String voices = pulse.voices().stream()
                .map(v -> v.provider() + "/" + v.model() + (v.present() ? "" : " (" + v.outcome().label() + ")"))
                .collect(Collectors.joining(", ", "[", "]"));
        String score = pulse.score() == null ? "no score" : String.format(Locale.ROOT, "score %.2f", pulse.score());
        String why = pulse.failureReason() == null ? "" : " (" + pulse.failureReason().label() + ": " + pulse.keyInsight() + ")";
        return String.format(Locale.ROOT, "Pulse %s (%s) %s: %d/%d voices %s, %s -> %s%s in %d ms", shortId(pulse.id()),
                pulse.reason().label(), ceremony, pulse.voicesPresent(), pulse.voices().size(), voices, score,
                pulse.outcome().label(), why, pulse.duration().toMillis());
    }

    static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }

    void onShutdown(@Observes ShutdownEvent event) {
        InFlight run = inFlight.get();
        if (run == null) {
            return;
        }
        LOG.infof("Shutting down: waiting up to %s for pulse %s to finish", Durations.words(shutdownTimeout),
                shortId(run.id()));
        if (!await(run, shutdownTimeout)) {
            LOG.warnf("Pulse %s did not finish in %s; recording it as interrupted", shortId(run.id()),
                    Durations.words(shutdownTimeout));
            run.stop().complete(null);
            await(run, RECORD_INTERRUPTED);
        }
    }

    private static boolean await(InFlight run, Duration timeout) {
        try {
            run.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return run.done().isDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }

    /** The pulse running now: its completion, and a signal that tells it to stop. */
    private record InFlight(UUID id, PulseReason reason, Optional<Ceremony> ceremony, CompletableFuture<Pulse> done,
            CompletableFuture<Void> stop) {
    }
}
