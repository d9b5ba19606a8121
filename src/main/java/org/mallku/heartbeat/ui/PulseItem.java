package org.mallku.heartbeat.ui;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.mallku.heartbeat.pulse.PulseSummary;

/**
 * One pulse as the status page lists it: every value already text, so the templates only place it.
 *
 * @param started  when it started, in the heartbeat's time zone ({@code 2026-11-29 09:00:02})
 * @param instant  the same instant in ISO 8601, for {@code <time datetime>}
 * @param score    the score with three decimals, or {@code null} for a pulse without one
 * @param failure  why it failed, or {@code null}
 */
public record PulseItem(String id, String started, String instant, String reason, String ceremony, String score,
        String outcome, int voicesPresent, String duration, String keyInsight, String failure) {

    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

    static PulseItem of(PulseSummary p, ZoneId zone) {
        return new PulseItem(p.id().toString(), SHOWN.format(p.startedAt().atZone(zone)), p.startedAt().toString(),
                p.reason().label(), p.ceremony() == null ? "-" : p.ceremony().title(), score(p.score()),
                p.outcome().label(), p.voicesPresent(), seconds(Duration.between(p.startedAt(), p.completedAt())),
                p.keyInsight(), p.failureReason() == null ? null : p.failureReason().label());
    }

    static String score(Double score) {
        return score == null ? null : String.format(Locale.ROOT, "%.3f", score);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
