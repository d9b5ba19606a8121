package org.mallku.heartbeat.voice.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One provider's circuit: closed while it answers; open after {@link #threshold} failed requests in a row, so
 * that a dead provider is not asked (and paid) again every pulse; after {@link #openFor} one request is let
 * through as a half-open probe, which closes the circuit when it succeeds and opens it again when it fails.
 * Thread-safe; time comes from the injected clock.
 */
public final class CircuitBreaker {

    public enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;

    private State state = State.CLOSED;
    private int failures;
    private Instant openedAt;
    private boolean probing;

    public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a request would be let through now (closed, or open long enough for a probe that is not running). */
    public synchronized boolean admits() {
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> !clock.instant().isBefore(openedAt.plus(openFor));
            case HALF_OPEN -> !probing;
        };
    }

    /** Takes permission for one request; {@code false} means skip it (outcome {@code circuit_open}). */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (clock.instant().isBefore(openedAt.plus(openFor))) {
                    return false;
                }
                state = State.HALF_OPEN;
                probing = true;
                return true;
            default:
                if (probing) {
                    return false;
                }
                probing = true;
                return true;
        }
    }

    public synchronized void onSuccess() {
        state = State.CLOSED;
        failures = 0;
        probing = false;
    }

    public synchronized void onFailure() {
        failures++;
        if (state == State.HALF_OPEN || failures >= threshold) {
            open();
        }
    }

    /** A request abandoned by its caller (cut off or shut down): a failed probe, otherwise no verdict. */
    public synchronized void onAbandoned() {
        if (state == State.HALF_OPEN && probing) {
            open();
        }
    }

    public synchronized State state() {
        return state;
    }

    /** When the next probe may go, if the circuit is open. */
    public synchronized Instant retryAt() {
        return openedAt == null ? clock.instant() : openedAt.plus(openFor);
    }

    public synchronized int consecutiveFailures() {
        return failures;
    }

    private void open() {
        state = State.OPEN;
        openedAt = clock.instant();
        probing = false;
    }
}
