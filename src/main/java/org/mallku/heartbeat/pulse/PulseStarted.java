package org.mallku.heartbeat.pulse;

import java.util.UUID;

/** CDI event: a pulse has started; a {@link Pulse} event follows when it is recorded. */
public record PulseStarted(UUID id, PulseReason reason) {
}
