package org.mallku.heartbeat.pulse;

/** CDI event: another replica recorded {@code pulse}, and it is now this replica's newest too. */
public record PulseLearned(Pulse pulse) {
}
