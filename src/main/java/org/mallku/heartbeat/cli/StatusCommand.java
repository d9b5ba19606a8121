package org.mallku.heartbeat.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.mallku.heartbeat.circle.ScoreTrend;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.health.HeartbeatHealth;
import org.mallku.heartbeat.log.History;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseReport;
import org.mallku.heartbeat.pulse.PulseStore;
import org.mallku.heartbeat.rhythm.Expectation;
import org.mallku.heartbeat.util.Durations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code status [--json]}: reads the log folder (the index and the newest record, never the whole history) or the
 * database, and prints how the heartbeat is, judged as the service judges it ({@link HeartbeatHealth}). Exit code 0
 * up, 1 late or new, 2 failing or down.
 */
@ApplicationScoped
public class StatusCommand {

    public static final String REMINDER = "The Fire Circle hasn't had a heartbeat in a while. Consider starting the"
            + " heartbeat service for continuous consciousness.";

    private final HeartbeatConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final PulseStore store;

    public StatusCommand(HeartbeatConfig config, ObjectMapper json, Clock clock, PulseStore store) {
        this.config = config;
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    public int run(boolean asJson, PrintStream out) throws JsonProcessingException {
        History history = config.store() == HeartbeatConfig.Store.POSTGRESQL ? new History(store.restore(), 0)
                : History.read(config.logPath(), json, clock.instant());
        StatusReport report = StatusReport.of(history.history(), new Expectation(config), config.freshness().grace(),
                clock.instant());
        out.println(asJson ? json.writerWithDefaultPrettyPrinter().writeValueAsString(asMap(report, history)) : text(report));
        return report.exitCode();
    }

    private String text(StatusReport r) {
        HeartbeatHealth health = r.health();
        StringBuilder s = new StringBuilder("Fire Circle heartbeat (").append(config.store() == HeartbeatConfig.Store.POSTGRESQL
                ? "PostgreSQL" : config.logPath()).append(")\n");
        s.append("  Status:         ").append(health.status().label()).append(": ").append(health.reason()).append('\n');
        if (r.last() == null) {
            return s.toString().stripTrailing();
        }
        s.append("  Last pulse:     ").append(r.last().startedAt()).append(" (").append(ago(r.last().startedAt())).append(")\n");
        if (r.last().failed()) {
            s.append("  Last result:    ").append(r.lastSuccess() == null ? "none in the recent history"
                    : r.lastSuccess().startedAt() + " (" + ago(r.lastSuccess().startedAt()) + ")").append('\n');
        }
        if (health.expected() != null) {
            s.append("  Next expected:  ").append(health.expected()).append('\n');
        }
        s.append("  Outcome:        ").append(r.last().outcome().label())
                .append(r.last().failureReason() == null ? "" : " (" + r.last().failureReason().label() + ")").append('\n');
        s.append("  Score:          ").append(r.last().score() == null ? "none" : score(r.last().score())).append('\n');
        s.append("  Voices present: ").append(r.last().voicesPresent()).append('\n');
        if (r.last().keyInsight() != null) {
            s.append("  Key insight:    ").append(r.last().keyInsight()).append('\n');
        }
        s.append("  Total pulses:   ").append(r.total()).append('\n');
        s.append("  Recent average: ").append(score(r.recentAverage())).append(" over the newest ")
                .append(PulseHistory.RECENT).append(" (a failed pulse counts as 0)")
                .append(r.recentFailed() == 0 ? "" : ", " + r.recentFailed() + " failed").append('\n');
        s.append("  Recent scores:  ").append(r.scoredMean() == null ? "none" : score(r.scoredMean()))
                .append(r.scoredMean() == null ? "" : ", the mean of the newest " + ScoreTrend.WINDOW)
                .append(r.trend() == null ? "" : " (" + r.trend() + ")").append('\n');
        if (r.remind()) {
            s.append('\n').append(REMINDER).append('\n');
        }
        return s.toString().stripTrailing();
    }

    private String ago(Instant at) {
        Duration age = Duration.between(at, clock.instant());
        return age.compareTo(Duration.ofSeconds(1)) < 0 ? "just now" : Durations.words(age) + " ago";
    }

    private static Map<String, Object> asMap(StatusReport r, History history) {
        HeartbeatHealth health = r.health();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", health.status().label());
        m.put("reason", health.reason());
        m.put("last_pulse", r.last() == null ? null : PulseReport.of(r.last()));
        m.put("last_result", health.lastResult() == null ? null : health.lastResult().toString());
        m.put("age_seconds", health.age() == null ? null : health.age().toSeconds());
        m.put("expected_next_pulse", health.expected() == null ? null : health.expected().toString());
        m.put("failing_in_a_row", health.failingInARow());
        m.put("total_pulses", r.total());
        m.put("recent_average", r.recentAverage());
        m.put("recent_failed", r.recentFailed());
        m.put("recent_scored_mean", r.scoredMean());
        m.put("trend", r.trend());
        m.put("reminder", r.remind());
        m.put("records_skipped", history.skipped());
        return m;
    }

    private static String score(double score) {
        return String.format(Locale.ROOT, "%.2f", score);
    }
}
