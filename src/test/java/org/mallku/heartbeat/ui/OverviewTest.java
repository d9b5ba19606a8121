package org.mallku.heartbeat.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.config.HeartbeatConfig.Phase;
import org.mallku.heartbeat.health.HeartbeatHealth;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.rhythm.Adaptive;
import org.mallku.heartbeat.rhythm.Due;
import org.mallku.heartbeat.rhythm.RhythmView;
import org.mallku.heartbeat.testing.Pulses;

class OverviewTest {

    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** 60 pulses a minute apart, the newest 2 minutes ago; every tenth failed. */
    static PulseHistory history() {
        PulseHistory history = PulseHistory.EMPTY;
        for (int i = 59; i >= 0; i--) {
            Instant at = NOW.minus(Duration.ofMinutes(2 + i));
            Pulse pulse = i % 10 == 5 ? Pulses.failed(at) : Pulses.scored(at, 0.3 + (i % 7) / 10.0);
            history = history.plus(pulse);
        }
        return history;
    }

    static Overview overview(PulseHistory history) {
        Instant expected = NOW.plus(Duration.ofMinutes(5));
        return Overview.of(history, HeartbeatHealth.judge(history, last -> Optional.of(expected), Duration.ofHours(1),
                Optional.empty(), NOW),
                new RhythmView(true, Phase.ESTABLISHING, Adaptive.State.ACTIVE, new Due(expected, PulseReason.INTERVAL)),
                List.of(), 0.5, 0.9, BERLIN, NOW);
    }

    @Test
    void theChartHasTheNewestFiftyPulsesOldestFirstWithFailedOnesWithoutAScore() {
        PulseHistory history = history();

        Overview overview = overview(history);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> points = (List<Map<String, Object>>) overview.chart().get("points");
        assertEquals(Overview.CHARTED, points.size());
        List<String> newestFirst = new ArrayList<>(points.stream().map(p -> (String) p.get("id")).toList());
        Collections.reverse(newestFirst);
        assertEquals(history.recent().stream().limit(Overview.CHARTED).map(p -> p.id().toString()).toList(), newestFirst);
        assertEquals(5, points.stream().filter(p -> p.get("score") == null).count(), "the failed pulses, without a score");
        assertEquals(points.stream().filter(p -> "failed".equals(p.get("outcome"))).count(),
                points.stream().filter(p -> p.get("score") == null).count());
        assertEquals(0.5, overview.chart().get("alert"));
        assertEquals(0.9, overview.chart().get("celebration"));
        assertEquals(points.size(), overview.timeline().size());
    }

    @Test
    void theListShowsTwentyAndPagesOnFromTheTwentieth() {
        Overview overview = overview(history());

        assertEquals(Overview.LISTED, overview.pulses().size());
        assertEquals(overview.pulses().get(Overview.LISTED - 1).id(), overview.older());
        assertEquals(overview.pulses().get(0), overview.last());
    }

    @Test
    void freshnessTotalsAndTheLastPulseInTheHeartbeatsTimeZone() {
        Overview overview = overview(history());

        assertEquals("up", overview.status());
        assertEquals("The last pulse had a result, 2 min ago; the next is expected by 2026-11-29T10:05:00Z.",
                overview.reason());
        assertEquals("2 min ago", overview.lastAgo());
        assertEquals("2026-11-29 11:05:00", overview.expected(), "10:05 UTC in Berlin");
        assertEquals("2026-11-29 10:58:00", overview.last().started());
        assertEquals(60, overview.total());
        assertEquals(6, overview.failed());
        assertEquals("Consciousness Pulse", overview.last().ceremony(), "the Quick Pulse's title");
        assertEquals(List.of("offline/offline-wisdom-keeper", "anthropic/claude-test (timeout)"), overview.lastVoices());
        assertEquals("interval", overview.nextReason());
    }

    @Test
    void aFailedNewestPulseTurnsItFailingWithTheReason() {
        Overview overview = overview(history().plus(Pulses.failed(NOW.minusSeconds(30))));
        assertEquals("failing", overview.status());
        assertEquals("The newest pulse failed: insufficient_voices: Only 1 distinct voice(s) available;"
                + " heartbeat.voices.min is 2.", overview.reason());
    }

    @Test
    void beforeTheFirstPulse() {
        Overview overview = overview(PulseHistory.EMPTY);

        assertEquals("new", overview.status());
        assertNull(overview.last());
        assertNull(overview.lastAgo());
        assertNull(overview.older());
        assertEquals(List.of(), overview.timeline());
        assertEquals(0, overview.total());
    }
}
