package org.mallku.heartbeat.rhythm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.config.HeartbeatConfig.Phase;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseEngine;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseLearned;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.pulse.PulseSkipped;
import org.mallku.heartbeat.pulse.Replicas;
import org.mallku.heartbeat.util.Durations;
import org.mallku.heartbeat.util.Periodic;

import io.quarkus.runtime.StartupEvent;

/**
 * Drives pulses in service mode. The time maths are {@link Schedule} and {@link Adaptive}; this bean holds the
 * next due pulse and checks it every second. At start-up it decides on one catch-up pulse for what fell due while
 * the service was down.
 * <p>
 * The check runs on elapsed (monotonic) time ({@link Periodic}); a step of the wall clock either way is noticed
 * by comparing the two clocks between ticks, and the due times are then recomputed from the new time.
 * <p>
 * Of several replicas only the leader pulses ({@link Replicas}); the others follow the same due times without
 * pulsing, and one that takes the lead catches up once what its predecessor claimed and did not record.
 */
@ApplicationScoped
public class Rhythm {

    private static final Logger LOG = Logger.getLogger(Rhythm.class);
    /** How often the due pulse is checked: a pulse starts up to this late. */
    static final Duration TICK = Duration.ofSeconds(1);
    /** A wall clock that moved this much more or less than elapsed time between two ticks was stepped. */
    static final Duration CLOCK_STEP = Duration.ofSeconds(2);

    private final HeartbeatConfig config;
    private final Clock clock;
    private final PulseMemory memory;
    private final PulseEngine engine;
    private final Event<PulseSkipped> skipped;
    private final Schedule schedule;
    private final Expectation expectation;
    private final Periodic periodic;
    private final Replicas replicas;
    private Due scheduled;
    private Due catchUp;
    /** The missed due time the catch-up pulse serves, which it claims. */
    private Instant catchUpFor;
    private boolean leading;
    /** When this replica took the lead: a due time up to then may have been claimed by a predecessor that died. */
    private Instant ledSince = Instant.MIN;
    private Instant adaptiveFired = Instant.MIN;
    private volatile RhythmView view;
    private volatile Instant startedAt;
    /** {@link System#nanoTime()} of the last tick: liveness is about the process, not the wall clock. */
    private volatile long lastTick;
    /** The wall clock at the last tick, to notice a step. */
    private Instant lastTickAt;
    private ScheduledExecutorService ticker;
    private volatile boolean paused;

    public Rhythm(HeartbeatConfig config, Clock clock, PulseMemory memory, PulseEngine engine, Event<PulseSkipped> skipped,
            Periodic periodic, Replicas replicas) {
        this.replicas = replicas;
        this.config = config;
        this.periodic = periodic;
        this.clock = clock;
        this.memory = memory;
        this.engine = engine;
        this.skipped = skipped;
        this.schedule = Schedule.of(config);
        this.expectation = new Expectation(config);
        this.view = new RhythmView(false, Phase.ESTABLISHING, Adaptive.State.RESTING, null);
    }

    /** After the log's restore; before anything else pulses. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 20) StartupEvent event) {
        if (config.mode() == HeartbeatConfig.Mode.SERVICE) {
            start();
            ticker = periodic.every("heartbeat-rhythm", TICK, () -> {
                if (!paused) {
                    tick();
                }
            });
        }
    }

    /** Stops checking for due pulses, as a stuck rhythm would (tests stand the heartbeat still with it). */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    /** Whether the rhythm's executor runs (in service mode, until shutdown). */
    public boolean running() {
        return ticker != null && !ticker.isShutdown();
    }

    /** Decides on catch-up and computes the first pulse. */
    synchronized void start() {
        Instant now = clock.instant();
        startedAt = now;
        // due times are computed from now: a step of the clock before the first tick must be noticed too
        lastTick = System.nanoTime();
        lastTickAt = now;
        if (schedule.isEmpty()) {
            LOG.warn("No pulses are scheduled: heartbeat.daily-pulse.enabled is false and neither"
                    + " heartbeat.pulse-interval nor heartbeat.cron is set");
        }
        config.pulseInterval().filter(interval -> interval.compareTo(config.checkInDuration()) < 0)
                .ifPresent(interval -> LOG.warnf("heartbeat.pulse-interval=%s is shorter than heartbeat.check-in-duration=%s:"
                        + " due times closer than that coalesce, so pulses come about every %s", Durations.words(interval),
                        Durations.words(config.checkInDuration()), Durations.words(config.checkInDuration())));
        scheduled = schedule.next(now).orElse(null);
        leading = replicas.lead();
        if (leading) {
            planCatchUp(now, "while the service was down");
        }
        refresh();
    }

    /** One catch-up pulse when a due time was missed (down, or a predecessor that died before recording it). */
    private void planCatchUp(Instant now, String when) {
        catchUp = catchUp(now).orElse(null);
        if (catchUp != null) {
            catchUpFor = schedule.lastDue(now).orElseThrow();
            LOG.infof("A pulse fell due at %s %s: one catch-up pulse at %s", catchUpFor, when, catchUp.at());
        }
    }

    /** Leadership moved: a new leader reads what its predecessor recorded first, then catches up what it missed. */
    private void leadChanged(boolean leads, Instant now) {
        leading = leads;
        catchUp = null;
        if (leads) {
            ledSince = now;
            memory.sync();
            if (scheduled == null || scheduled.at().isAfter(now)) { // one due on this very tick is served by its own pulse
                planCatchUp(now, "and was not recorded by the replica that led before");
            }
        }
        refresh();
    }

    /** One catch-up pulse when a pulse was missed while the service was down; none on a first start. */
    Optional<Due> catchUp(Instant now) {
        return memory.history().last()
                .filter(last -> schedule.missed(last.startedAt(), now))
                .map(last -> new Due(schedule.quietEnd(now), PulseReason.CATCH_UP, now));
    }

    /** Runs the due pulse, if one is due, and moves on to the next. Every second, in service mode only. */
    synchronized void tick() {
        long nanos = System.nanoTime();
        Instant now = clock.instant();
        if (lastTickAt != null) {
            Duration step = Duration.between(lastTickAt, now).minusNanos(nanos - lastTick);
            if (step.abs().compareTo(CLOCK_STEP) >= 0) {
                clockStepped(step, now);
            }
        }
        lastTick = nanos;
        lastTickAt = now;
        boolean leads = replicas.lead();
        if (leads != leading) {
            leadChanged(leads, now);
        }
        Due due = view.next();
        if (due == null || now.isBefore(due.at())) {
            return;
        }
        if (due.movedByQuietHours() && leading) {
            skipped.fire(new PulseSkipped(due.reason(), PulseSkipped.Cause.QUIET_HOURS));
        }
        if (due == catchUp) {
            catchUp = null;
        }
        if (due.reason() == PulseReason.ADAPTIVE) {
            // until this pulse is recorded the adaptive due time stays in the past: fire it once, not every tick
            adaptiveFired = due.at();
        }
        // every scheduled time closer to this pulse than the check-in duration is part of it, and so is every one
        // already past: after a clock that stepped forward (a VM resumed, NTP), one catch-up pulse as at start,
        // not one per missed slot
        boolean missed = false;
        while (scheduled != null && (scheduled.at().isBefore(due.at().plus(config.checkInDuration()))
                || !scheduled.at().isAfter(now))) {
            missed |= !scheduled.at().isBefore(due.at().plus(config.checkInDuration()));
            scheduled = schedule.following(scheduled).orElse(null);
        }
        if (leading) {
            boolean catchingUp = due.reason() == PulseReason.CATCH_UP;
            Instant claimed = catchingUp && catchUpFor != null ? catchUpFor : due.at();
            // a due time that fell before this replica led may be a dead predecessor's unrecorded claim: take it over
            engine.trigger(missed ? PulseReason.CATCH_UP : due.reason(), Optional.empty(),
                    Optional.of(new Replicas.Claim(claimed, catchingUp || !claimed.isAfter(ledSince))));
        }
        refresh();
    }

    /**
     * The wall clock was stepped (NTP, a VM resumed, an operator). Forward: what fell due in between is one
     * catch-up pulse at the next tick. Back: the next due time is recomputed from the new time, leaving out one
     * that a recorded pulse has already served.
     */
    private void clockStepped(Duration step, Instant now) {
        LOG.warnf("The wall clock stepped %s by %s (now %s): %s", step.isNegative() ? "back" : "forward",
                Durations.words(step.abs()), now, step.isNegative() ? "the next due time is recomputed from now"
                        : "anything that fell due in between comes as one catch-up pulse");
        if (step.isNegative()) {
            Optional<Due> next = schedule.next(now);
            Optional<Instant> lastPulse = memory.history().last().map(Pulse::startedAt);
            if (next.isPresent() && lastPulse.isPresent()
                    && Duration.between(lastPulse.get(), next.get().at()).abs().compareTo(config.checkInDuration()) < 0) {
                next = schedule.following(next.get());
            }
            scheduled = next.orElse(null);
            adaptiveFired = Instant.MIN;
            refresh();
        }
    }

    /** A pulse changes the state of the circle, and so the adaptive cadence. */
    void onPulse(@Observes Pulse pulse) {
        if (view.started()) {
            refresh();
        }
    }

    /** So does a pulse another replica recorded. */
    void onLearned(@Observes PulseLearned learned) {
        onPulse(learned.pulse());
    }

    private synchronized void refresh() {
        PulseHistory history = memory.history();
        Instant now = clock.instant();
        Phase phase = Adaptive.phase(config.rhythm().phase(), history, now);
        Adaptive.State state = Adaptive.state(history.trend());
        Instant last = history.recent().isEmpty() ? null : history.recent().get(0).startedAt();
        Optional<Due> adaptive = Adaptive.next(phase, state, last, config.rhythm().minGap(), config.timeZone(), schedule)
                .filter(a -> a.at().isAfter(adaptiveFired))
                // a scheduled pulse close by serves the same purpose
                .filter(a -> scheduled == null
                        || a.at().plus(config.checkInDuration()).isBefore(scheduled.at())
                        || scheduled.at().plus(config.checkInDuration()).isBefore(a.at()));
        Due next = Stream.of(Optional.ofNullable(catchUp), Optional.ofNullable(scheduled), adaptive)
                .flatMap(Optional::stream)
                .min((a, b) -> a.at().compareTo(b.at()))
                .orElse(null);
        view = new RhythmView(true, phase, state, next);
    }

    /**
     * When the pulse after {@code lastPulse} is due (after the start of the service when there has been none):
     * the first scheduled time past it, or the adaptive one if earlier. Empty when nothing is expected.
     */
    public Optional<Instant> expectedAfter(Instant lastPulse) {
        return expectation.after(lastPulse, startedAt, memory.history(), clock.instant());
    }

    /** Time since the rhythm last checked for a due pulse (or started), {@code null} before it started. */
    public Duration sinceLastTick() {
        long last = lastTick;
        return last == 0 ? null : Duration.ofNanos(System.nanoTime() - last);
    }

    /** The rhythm now: what health, metrics and the API show. */
    public RhythmView view() {
        return view;
    }
}
