package org.mallku.heartbeat.ui;

import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** How the status page writes numbers: {@code {round.score.score}}, {@code {reply.latencySeconds.took}}. */
@TemplateExtension
final class Formats {

    private Formats() {
    }

    /** A score with three decimals, or {@code none}. */
    static String score(Double value) {
        return value == null ? "none" : PulseItem.score(value);
    }

    /** Seconds as {@code 90 ms} under a second, else {@code 1.2 s}. */
    static String took(Double seconds) {
        if (seconds == null) {
            return "-";
        }
        return seconds < 1 ? Math.round(seconds * 1000) + " ms" : String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
