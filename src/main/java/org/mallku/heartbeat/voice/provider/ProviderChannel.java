package org.mallku.heartbeat.voice.provider;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLException;

import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;
import org.mallku.heartbeat.util.Durations;
import org.mallku.heartbeat.voice.Archetype;
import org.mallku.heartbeat.voice.ReplyOutcome;
import org.mallku.heartbeat.voice.VoiceAnswer;
import org.mallku.heartbeat.voice.VoiceFailure;
import org.mallku.heartbeat.voice.VoiceRequest;
import org.mallku.heartbeat.voice.keys.Redaction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniSubscription;
import io.vertx.core.Vertx;

/**
 * Everything one provider needs across pulses: its HTTP client, its retry guard and circuit breaker (SmallRye
 * Fault Tolerance's, the one owner of retries and of the circuit) and the model that last answered. A request is cut off at the round's deadline (the HTTP call is cancelled with
 * it); connect errors, 429 and 5xx are retried with backoff that honours {@code Retry-After}, never past the
 * deadline; a model that is not found gives way to the next fallback model; every failure becomes a
 * {@link VoiceFailure} whose reason an operator can act on and which never quotes a response body.
 */
public final class ProviderChannel {

    private static final Logger LOG = Logger.getLogger(ProviderChannel.class);

    /** Retries after the first attempt, for connect errors, 429 and 5xx only. */
    public static final int MAX_RETRIES = 2;
    /** Backoff before the first retry; doubles for each further one. A longer Retry-After wins. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    /** A retry is only started when at least this much time is left after its delay. */
    static final Duration MIN_ATTEMPT = Duration.ofMillis(500);
    /** Largest response body read; a larger reply is refused while it streams, and its connection closed. */
    public static final int MAX_REPLY_BYTES = 256 * 1024;
    /** Failed requests in a row that open the circuit. */
    public static final int CIRCUIT_THRESHOLD = 3;
    /** How long an open circuit skips the provider before one probe request. */
    public static final Duration CIRCUIT_OPEN_FOR = Duration.ofMinutes(10);

    private final ProviderSettings settings;
    private final ProviderHttp http;
    private final Wire wire;
    private final Clock clock;
    private final TypedGuard<Uni<VoiceAnswer>> guard;
    private final TypedGuard<Uni<VoiceAnswer>> circuit;
    private volatile CircuitBreakerState circuitState = CircuitBreakerState.CLOSED;
    /** When the circuit last opened ({@link System#nanoTime()}, as the library's own delay is measured). */
    private volatile long openedAt;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final Duration openFor;
    private final AtomicInteger modelIndex = new AtomicInteger();
    private final String label;
    private final Redaction redaction;
    /** The reason of the last failed request, already free of keys and bodies, to say why a circuit opened. */
    private volatile String lastFailure;

    public ProviderChannel(ProviderSettings settings, ObjectMapper json, Vertx vertx, Clock clock, Duration connectTimeout,
            Duration readTimeout, Redaction redaction) {
        this(settings, json, vertx, clock, connectTimeout, readTimeout, redaction, CIRCUIT_OPEN_FOR);
    }

    /** With the time an open circuit waits for its probe: tests cannot wait ten minutes. */
    ProviderChannel(ProviderSettings settings, ObjectMapper json, Vertx vertx, Clock clock, Duration connectTimeout,
            Duration readTimeout, Redaction redaction, Duration openFor) {
        this.settings = settings;
        this.redaction = redaction;
        this.http = new ProviderHttp(vertx, settings.baseUri(), connectTimeout, readTimeout, MAX_REPLY_BYTES);
        this.wire = Wire.of(settings, json, http);
        this.clock = clock;
        this.openFor = openFor;
        this.label = settings.spec().label();
        this.guard = TypedGuard.create(new TypeLiteral<Uni<VoiceAnswer>>() {
        })
                .withDescription("voice provider " + label)
                .withRetry()
                .maxRetries(MAX_RETRIES)
                .retryOn(RetryableFailure.class)
                .jitter(0, ChronoUnit.MILLIS)
                .withCustomBackoff().strategy(RetryDelay::new).done()
                .done()
                .build();
        // The library's circuit breaker around each whole request of a voice (its retries and fallback models are
        // inside), so that one verdict counts per request: open after CIRCUIT_THRESHOLD failures in a row (a
        // rolling window of that many, all failed), one probe after CIRCUIT_OPEN_FOR. Not named: a name must be
        // unique in the process, and a dev-mode reload or a test builds a channel for the same provider again;
        // the state is kept from its state-change callback instead, for voice choice and the metric.
        this.circuit = TypedGuard.create(new TypeLiteral<Uni<VoiceAnswer>>() {
        })
                .withDescription("voice provider " + label + " circuit")
                .withCircuitBreaker()
                .requestVolumeThreshold(CIRCUIT_THRESHOLD)
                .failureRatio(1.0)
                .successThreshold(1)
                .delay(openFor.toMillis(), ChronoUnit.MILLIS)
                .onStateChange(this::circuitChanged)
                .done()
                .build();
    }

    private void circuitChanged(CircuitBreakerState state) {
        if (state == CircuitBreakerState.OPEN) {
            openedAt = System.nanoTime();
        }
        circuitState = state;
    }

    public ProviderSettings settings() {
        return settings;
    }

    /** The model asked first now: the configured one, or the fallback that answered after it was not found. */
    public String currentModel() {
        return settings.models().get(modelIndex.get());
    }

    /**
     * Whether the circuit lets a request through now (closed, half open, or open for long enough that the next
     * request is the probe); a provider that it does not is left out of the circle.
     */
    public boolean admits() {
        return circuitState != CircuitBreakerState.OPEN || System.nanoTime() - openedAt >= openFor.toNanos();
    }

    /** Whether the circuit is open (the provider is skipped until its probe). */
    public boolean circuitOpen() {
        return !admits();
    }

    /** Why the provider is left out while its circuit is open: the failures, the last one's reason, the next probe. */
    public String whyOpen() {
        String last = lastFailure;
        Duration left = openFor.minusNanos(System.nanoTime() - openedAt);
        return label + " circuit open after " + failuresInARow.get() + " failed requests in a row"
                + (last == null ? "" : " (last: " + last + ")") + "; next probe after "
                + clock.instant().plus(left.isNegative() ? Duration.ZERO : left).truncatedTo(ChronoUnit.SECONDS);
    }

    /** Opens a connection for the next request, unless the circuit would refuse it (a connection is not a call). */
    public void prepare() {
        if (admits()) {
            http.connect();
        }
    }

    /**
     * Asks {@code model} (or a later fallback model) as a voice of {@code archetype}. Cancelling the returned stage
     * cancels the HTTP call in flight and any retry not yet started.
     */
    public CompletionStage<VoiceAnswer> ask(Archetype archetype, VoiceRequest request, String model) {
        if (!admits()) {
            return CompletableFuture.failedFuture(new VoiceFailure(ReplyOutcome.CIRCUIT_OPEN, whyOpen()));
        }
        Prompt prompt = Prompt.of(archetype, request);
        Call call = new Call(System.nanoTime() + request.deadline().toNanos());
        int start = Math.max(settings.models().indexOf(model), modelIndex.get());
        Duration budget = budget(request.deadline());
        return circuit.get(() -> Uni.createFrom().deferred(() -> fromModel(prompt, start, start, call))
                .ifNoItem().after(budget).failWith(() -> new VoiceFailure(ReplyOutcome.TIMEOUT,
                        label + " gave no reply within the round deadline (" + seconds(request.deadline()) + ")")))
                .onFailure(CircuitBreakerOpenException.class)
                .transform(open -> new VoiceFailure(ReplyOutcome.CIRCUIT_OPEN, whyOpen()))
                .onItemOrFailure().invoke((answer, failure) -> {
                    if (failure == null) {
                        failuresInARow.set(0);
                    } else if (!(failure instanceof VoiceFailure f && f.outcome() == ReplyOutcome.CIRCUIT_OPEN)) {
                        lastFailure = failure instanceof VoiceFailure f ? f.getMessage() : failure.getClass().getSimpleName();
                        failuresInARow.incrementAndGet();
                    }
                })
                // cut off at the round's deadline or at shutdown: the HTTP call in flight goes with it
                .onCancellation().invoke(call::cancel)
                .subscribeAsCompletionStage();
    }

    /** The time a request may take: the deadline less a small margin, so that its own timeout is what is recorded. */
    static Duration budget(Duration deadline) {
        Duration margin = deadline.dividedBy(20);
        return deadline.minus(margin.compareTo(Duration.ofMillis(100)) < 0 ? margin : Duration.ofMillis(100));
    }

    private Uni<VoiceAnswer> fromModel(Prompt prompt, int first, int index, Call call) {
        String model = settings.models().get(index);
        AtomicInteger attempts = new AtomicInteger();
        return guard.get(() -> attempt(model, prompt, call, attempts))
                .onFailure(ModelNotFound.class).recoverWithUni(failure -> {
                    if (index + 1 < settings.models().size() && !call.cancelled) {
                        LOG.warnf("%s: model %s was not found; trying fallback model %s", label, model,
                                settings.models().get(index + 1));
                        return fromModel(prompt, first, index + 1, call).invoke(answer -> remember(index + 1));
                    }
                    List<String> tried = settings.models().subList(first, index + 1);
                    return Uni.createFrom().failure(new VoiceFailure(ReplyOutcome.ERROR, ((ModelNotFound) failure).status()
                            + " model not found: " + String.join(", ", tried) + " (" + label + "); set heartbeat.providers."
                            + label + ".model or .fallback-models"));
                });
    }

    private void remember(int index) {
        if (modelIndex.getAndSet(index) != index) {
            LOG.infof("%s: answering with model %s from now on", label, settings.models().get(index));
        }
    }

    private Uni<VoiceAnswer> attempt(String model, Prompt prompt, Call call, AtomicInteger attempts) {
        return Uni.createFrom().deferred(() -> {
            if (call.cancelled) {
                return Uni.createFrom().failure(new VoiceFailure(ReplyOutcome.TIMEOUT, label + " was cut off"));
            }
            int attempt = attempts.incrementAndGet();
            return wire.send(model, prompt)
                    .onSubscription().invoke(call::track)
                    .onItem().transform(response -> read(response, model, call, attempt))
                    .onFailure(f -> !(f instanceof VoiceFailure)).transform(f -> transportFailure(f, call, attempt));
        });
    }

    private VoiceAnswer read(ProviderHttp.Answer response, String model, Call call, int attempt) {
        AnswerClass.Asked asked = new AnswerClass.Asked(label, model, settings.keyHint(), settings.displayBase());
        AnswerClass answer = AnswerClass.of(response.status(), response.retryAfter(), response.body(), asked, wire.json,
                clock.instant());
        if (answer instanceof AnswerClass.Retryable retry) {
            throw retryOrGiveUp(retry.outcome(), retry.reason(), retry.retryAfter(), call, attempt);
        }
        if (answer instanceof AnswerClass.MissingModel missing) {
            throw new ModelNotFound(model, missing.status());
        }
        if (answer instanceof AnswerClass.Refused refused) {
            throw new VoiceFailure(ReplyOutcome.ERROR, refused.reason());
        }
        return parse(response, call);
    }

    private VoiceAnswer parse(ProviderHttp.Answer response, Call call) {
        try {
            VoiceAnswer answer = wire.parse(response.body());
            return new VoiceAnswer(redaction.apply(answer.text()), answer.usage(), call.sinceFirstSend());
        } catch (JsonProcessingException e) {
            // the parser's message quotes the body: never pass it on
            throw new VoiceFailure(ReplyOutcome.ERROR, label + " sent malformed JSON (HTTP " + response.status() + ")");
        }
    }

    private VoiceFailure tooLarge(ProviderHttp.TooLarge failure) {
        String size = failure.declared() < 0 ? "a reply" : "a reply of " + failure.declared() + " bytes";
        return new VoiceFailure(ReplyOutcome.ERROR, label + " sent " + size + ", over the " + MAX_REPLY_BYTES
                + "-byte limit; the rest was not read");
    }

    /** A retryable failure when another attempt is allowed and fits before the deadline, else the final one. */
    private VoiceFailure retryOrGiveUp(ReplyOutcome outcome, String reason, Duration retryAfter, Call call, int attempt) {
        if (attempt > MAX_RETRIES) {
            return new VoiceFailure(outcome, reason + " (" + attempt + " attempts)");
        }
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << (attempt - 1));
        Duration delay = retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
        if (call.remaining().compareTo(delay.plus(MIN_ATTEMPT)) < 0) {
            String why = retryAfter.compareTo(backoff) > 0
                    ? "; Retry-After " + seconds(retryAfter) + " is past the round deadline"
                    : "; no time left to retry";
            return new VoiceFailure(outcome, reason + why);
        }
        return new RetryableFailure(outcome, reason, delay.toMillis());
    }

    private VoiceFailure transportFailure(Throwable failure, Call call, int attempt) {
        if (failure instanceof ProviderHttp.TooLarge tooLarge) {
            return tooLarge(tooLarge);
        }
        String where = settings.baseUri().getHost() + (settings.baseUri().getPort() < 0 ? "" : ":" + settings.baseUri().getPort());
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return retryOrGiveUp(ReplyOutcome.ERROR, "cannot connect to " + label + " at " + where + " ("
                        + t.getClass().getSimpleName() + ")", Duration.ZERO, call, attempt);
            }
            if (t instanceof SSLException) {
                return new VoiceFailure(ReplyOutcome.ERROR, "TLS with " + label + " at " + where + " failed");
            }
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return new VoiceFailure(ReplyOutcome.TIMEOUT, label + " gave no reply before the read timeout");
            }
        }
        return new VoiceFailure(ReplyOutcome.ERROR, "request to " + label + " failed (" + failure.getClass().getSimpleName() + ")");
    }

    private static String seconds(Duration d) {
        return Durations.words(d);
    }

    /** One request of a voice: its deadline, and the attempt in flight so that cancelling reaches the HTTP call. */
    private static final class Call {
        private final long deadlineNanos;
        private final AtomicReference<UniSubscription> current = new AtomicReference<>();
        /** When the first attempt went to the HTTP client (0: not yet): where the voice's own time starts. */
        private volatile long firstSend;
        private volatile boolean cancelled;

        Call(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

        Duration remaining() {
            return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
        }

        /** The time since the first attempt was sent: the request's own time, not the code's before it. */
        Duration sinceFirstSend() {
            return Duration.ofNanos(System.nanoTime() - firstSend);
        }

        void track(UniSubscription subscription) {
            if (firstSend == 0) {
                firstSend = System.nanoTime();
            }
            current.set(subscription);
            if (cancelled) {
                subscription.cancel();
            }
        }

        void cancel() {
            cancelled = true;
            UniSubscription subscription = current.getAndSet(null);
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    /** Waits what the failure asks for: its backoff, or the provider's Retry-After when that is longer. */
    private static final class RetryDelay implements CustomBackoffStrategy {
        @Override
        public long nextDelayInMillis(Throwable cause) {
            return cause instanceof RetryableFailure r ? r.delayMillis() : 0;
        }
    }
}
