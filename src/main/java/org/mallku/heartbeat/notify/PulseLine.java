package org.mallku.heartbeat.notify;

import java.util.Locale;

import org.mallku.heartbeat.pulse.Pulse;

/** A pulse in one line, as pings and chat messages tell it. */
final class PulseLine {

    private PulseLine() {
    }

    /** For example {@code Pulse 0f3c... (daily) Morning Awakening -> alert, score 0.58}. */
    static String of(Pulse pulse) {
        return "Pulse " + pulse.id() + " (" + pulse.reason().label() + ") "
                + (pulse.ceremony() == null ? "" : pulse.ceremony().title() + " ") + "-> " + pulse.outcome().label()
                + (pulse.score() == null ? "" : String.format(Locale.ROOT, ", score %.2f", pulse.score()))
                + (pulse.failureReason() == null ? "" : ", " + pulse.failureReason().label());
    }
}
