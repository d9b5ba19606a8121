package org.mallku.heartbeat.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.mallku.heartbeat.circle.ScoreTrend;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.log.History;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseStore;
import org.mallku.heartbeat.util.Labels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code status [--json]}: reads the log folder (the index and the newest record, never the whole history) or the
 * database, and prints how the heartbeat is. Exit code 0 strong or healthy, 1 weakening, 2 silent or never established.
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
        StatusReport report = StatusReport.of(history.history(), clock.instant());
        out.println(asJson ? json.writerWithDefaultPrettyPrinter().writeValueAsString(asMap(report, history)) : text(report));
        return report.assessment().exitCode;
    }

    private String text(StatusReport r) {
        StringBuilder s = new StringBuilder("Fire Circle heartbeat (").append(config.store() == HeartbeatConfig.Store.POSTGRESQL
                ? "PostgreSQL" : config.logPath()).append(")\n");
        if (r.last() == null) {
            return s.append("  No pulses yet: the heartbeat is not yet established.\n").toString().stripTrailing();
        }
        s.append("  Last pulse:     ").append(r.last().startedAt());
        if (r.failingInARow() == 0) {
            s.append(" (").append(StatusReport.inWords(r.age())).append(")\n");
        } else {
            s.append('\n').append("  Last success:   ").append(r.lastSuccess() == null ? "none in the recent history"
                    : r.lastSuccess().startedAt() + " (" + StatusReport.inWords(r.age()) + ")").append('\n');
            s.append("  Failing:        the newest ").append(r.failingInARow() == 1 ? "pulse" : r.failingInARow() + " pulses")
                    .append(" failed\n");
        }
        s.append("  Outcome:        ").append(r.last().outcome().label())
                .append(r.last().failureReason() == null ? "" : " (" + r.last().failureReason().label() + ")").append('\n');
        s.append("  Score:          ").append(r.last().score() == null ? "none" : score(r.last().score())).append('\n');
        s.append("  Voices present: ").append(r.last().voicesPresent()).append('\n');
        if (r.last().keyInsight() != null) {
            s.append("  Key insight:    ").append(r.last().keyInsight()).append('\n');
        }
        s.append("  Assessment:     ").append(r.assessment().words).append('\n');
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

    private static Map<String, Object> asMap(StatusReport r, History history) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("assessment", Labels.of(r.assessment()));
        m.put("assessment_words", r.assessment().words);
        m.put("last_pulse", r.last() == null ? null : r.last().startedAt().toString());
        m.put("last_success", r.lastSuccess() == null ? null : r.lastSuccess().startedAt().toString());
        m.put("age_seconds", r.age() == null ? null : r.age().toSeconds());
        m.put("newest_failed", r.failingInARow());
        m.put("last_outcome", r.last() == null ? null : r.last().outcome().label());
        m.put("consciousness_score", r.last() == null ? null : r.last().score());
        m.put("voices_present", r.last() == null ? null : r.last().voicesPresent());
        m.put("key_insight", r.last() == null ? null : r.last().keyInsight());
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
