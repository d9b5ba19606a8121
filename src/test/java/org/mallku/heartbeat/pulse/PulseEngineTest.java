package org.mallku.heartbeat.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.circle.Round;
import org.mallku.heartbeat.log.PulseLog;
import org.mallku.heartbeat.voice.ReplyOutcome;

import io.quarkus.test.junit.QuarkusTest;

/** A whole pulse through the wired engine, with the offline voices of the test profile. */
@QuarkusTest
class PulseEngineTest {

    @Inject
    PulseEngine engine;
    @Inject
    PulseLog log;

    @Test
    void aManualPulseConvenesTheOfflineCircleAndIsKept() throws Exception {
        long before = log.stats().total();
        Pulse pulse = engine.trigger(PulseReason.MANUAL).orElseThrow().completion().get(30, TimeUnit.SECONDS);

        assertEquals(PulseReason.MANUAL, pulse.reason());
        assertTrue(pulse.voices().size() >= 2 && pulse.voices().size() <= 3, pulse.voices().toString());
        assertTrue(pulse.voices().stream().allMatch(v -> v.provider().equals("offline")), "labelled offline");
        assertEquals(pulse.voices().size(), pulse.voices().stream().map(VoiceSummary::model).distinct().count(),
                "distinct voices");
        assertEquals(pulse.ceremony().rounds().size(), pulse.rounds().size());
        for (Round round : pulse.rounds()) {
            assertEquals(pulse.voices().size(), round.replies().size());
            assertTrue(round.replies().stream().allMatch(r -> r.outcome() == ReplyOutcome.OK && r.text() != null));
        }
        assertNotNull(pulse.score());
        assertTrue(pulse.score() >= 0.6 && pulse.score() <= 1.0, "heuristic range (a plain answer is 0.60): "
                + pulse.score());
        assertEquals(pulse.score() > 0.9 ? PulseOutcome.CELEBRATION : PulseOutcome.OK, pulse.outcome());
        assertEquals(pulse.voices().size(), pulse.voicesPresent());
        assertTrue(!pulse.completedAt().isBefore(pulse.startedAt()));

        assertEquals(before + 1, log.stats().total());
        assertEquals(pulse, log.latest().orElseThrow());
    }

    @Test
    void theSamePulseIdHearsTheSameWordsAndDifferentVoicesDiffer() throws Exception {
        Pulse pulse = engine.trigger(PulseReason.MANUAL).orElseThrow().completion().get(30, TimeUnit.SECONDS);
        var replies = pulse.rounds().get(0).replies();
        assertTrue(replies.get(0).text().contains("As the "));
        assertTrue(!replies.get(0).text().equals(replies.get(1).text()), "voices differ");
    }

    @Test
    void aTriggerWhilePulsingIsRefusedNotQueued() throws Exception {
        PulseTicket first = engine.trigger(PulseReason.MANUAL).orElseThrow();
        // a refused trigger returns at once; the first pulse cannot have finished (its voices take >= 5 ms)
        boolean secondRan = engine.trigger(PulseReason.INTERVAL).isPresent();
        Pulse pulse = first.completion().get(30, TimeUnit.SECONDS);
        assertTrue(!secondRan || pulse.duration().compareTo(Duration.ofMillis(5)) < 0,
                "a second pulse started while the first was in flight");
        assertEquals(first.id(), log.latest().orElseThrow().id(), "the refused trigger left no record");
    }

    @Test
    void describesAPulseInOneLine() throws Exception {
        Pulse pulse = engine.trigger(PulseReason.MANUAL).orElseThrow().completion().get(30, TimeUnit.SECONDS);
        String line = PulseEngine.describe(pulse);
        assertTrue(line.startsWith("Pulse " + pulse.id().toString().substring(0, 8) + " (manual) "), line);
        assertTrue(line.contains(pulse.ceremony().title()) && line.contains("offline/"), line);
        assertEquals(1, line.lines().count());
    }
}
