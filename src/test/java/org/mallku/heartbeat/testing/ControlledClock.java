package org.mallku.heartbeat.testing;

import java.time.Instant;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/** The service's clock in tests that move time by hand; a test profile enables it (getEnabledAlternatives). */
@Alternative
@Singleton
public class ControlledClock extends MutableClock {

    public static final Instant START = Instant.parse("2026-05-10T10:30:00Z");

    public ControlledClock() {
        super(START);
    }
}
