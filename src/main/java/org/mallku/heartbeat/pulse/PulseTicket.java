package org.mallku.heartbeat.pulse;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** A pulse that was accepted and is running; {@code completion} yields its record once it is kept. */
public record PulseTicket(UUID id, PulseReason reason, CompletableFuture<Pulse> completion) {
}
