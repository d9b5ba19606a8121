package org.mallku.heartbeat.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mallku.heartbeat.health.HeartbeatHealth;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseSummary;
import org.mallku.heartbeat.pulse.VoiceSummary;
import org.mallku.heartbeat.rhythm.RhythmView;
import org.mallku.heartbeat.util.Durations;
import org.mallku.heartbeat.util.Labels;

/**
 * Everything the overview shows, as text, computed from memory only (no file is read to serve the page).
 *
 * @param status      {@code new}, {@code up}, {@code late}, {@code failing} or {@code down}
 * @param reason      why, as a sentence
 * @param lastAgo     how long ago the last pulse started, in words, or {@code null} before any
 * @param expected    when the next pulse is expected (heartbeat time zone), or {@code null} when none is scheduled
 * @param lastVoices  the last pulse's voices, {@code provider/model}, those that answered first
 * @param chart       the chart's data as JSON: thresholds and the newest pulses, oldest first
 * @param timeline    the same pulses as the chart, for the outcome strip
 * @param older       the id to page on from ({@code /pulses?before=}), or {@code null} when the list is complete
 */
public record Overview(String status, String reason, String lastAgo, String expected, PulseItem last, List<String> lastVoices,
        String phase, String state, String next, String nextReason, long total, long alerts, long celebrations,
        long failed, String recentAverage, List<RecentVoices.Row> voices, List<PulseItem> pulses, String older,
        List<PulseItem> timeline, Map<String, Object> chart, String alertThreshold, String celebrationThreshold,
        String zone) {

    /** Pulses in the list on the overview. */
    static final int LISTED = 20;
    /** Pulses in the chart and the outcome strip. */
    static final int CHARTED = 50;

    static Overview of(PulseHistory history, HeartbeatHealth health, RhythmView rhythm, List<RecentVoices.Row> voices,
            double alert, double celebration, ZoneId zone, Instant now) {
        List<PulseSummary> recent = history.recent();
        List<PulseItem> listed = recent.stream().limit(LISTED).map(p -> PulseItem.of(p, zone)).toList();
        List<PulseItem> timeline = new ArrayList<>();
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = Math.min(CHARTED, recent.size()) - 1; i >= 0; i--) {
            PulseSummary p = recent.get(i);
            timeline.add(PulseItem.of(p, zone));
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("id", p.id().toString());
            point.put("t", PulseItem.SHOWN.format(p.startedAt().atZone(zone)));
            point.put("score", p.score());
            point.put("outcome", p.outcome().label());
            points.add(point);
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("alert", alert);
        chart.put("celebration", celebration);
        chart.put("points", points);
        Pulse latest = history.latest();
        PulseHistory.Counts counts = history.counts();
        Double average = history.recentAverage();
        return new Overview(health.status().label(), sentence(health.reason()),
                health.lastPulse() == null ? null : ago(Duration.between(health.lastPulse(), now)),
                health.expected() == null ? null : PulseItem.SHOWN.format(health.expected().atZone(zone)),
                recent.isEmpty() ? null : listed.get(0),
                latest == null ? List.of() : latest.voices().stream()
                        .sorted((a, b) -> Boolean.compare(b.present(), a.present()))
                        .map(Overview::voice).toList(),
                Labels.of(rhythm.phase()), rhythm.state().label(),
                rhythm.next() == null ? null : PulseItem.SHOWN.format(rhythm.next().at().atZone(zone)),
                rhythm.next() == null ? null : rhythm.next().reason().label(),
                counts.total(), counts.alerts(), counts.celebrations(), counts.failed(),
                average == null ? null : String.format(Locale.ROOT, "%.3f", average), voices, listed,
                recent.size() > LISTED ? listed.get(LISTED - 1).id() : null, timeline, chart,
                String.format(Locale.ROOT, "%.2f", alert), String.format(Locale.ROOT, "%.2f", celebration), zone.getId());
    }

    private static String sentence(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }

    /** {@code 5 min ago}; {@code just now} under a second. */
    static String ago(Duration age) {
        return age.compareTo(Duration.ofSeconds(1)) < 0 ? "just now" : Durations.words(age) + " ago";
    }

    private static String voice(VoiceSummary v) {
        return v.provider() + "/" + v.model() + (v.present() ? "" : " (" + v.outcome().label() + ")");
    }
}
