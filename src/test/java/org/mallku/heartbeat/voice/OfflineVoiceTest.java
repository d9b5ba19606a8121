package org.mallku.heartbeat.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.circle.HeuristicScorer;
import org.mallku.heartbeat.circle.Scorer;

/**
 * The offline circle, scored by the reference's heuristic over 2,000 pulses: mostly ordinary, sometimes below an
 * alert threshold of 0.65 (dev mode's), now and then a celebration, and the same words for the same pulse.
 */
class OfflineVoiceTest {

    static final int PULSES = 2_000;
    final Scorer scorer = new HeuristicScorer();
    final List<OfflineVoice> circle = List.of(new OfflineVoice(Archetype.WISDOM_KEEPER),
            new OfflineVoice(Archetype.PATTERN_ANALYST), new OfflineVoice(Archetype.SYSTEMS_ARCHITECT));

    String ask(OfflineVoice voice, UUID pulse, int round) {
        return voice.ask(new VoiceRequest(pulse, round, "How is the circle?", List.of(), Duration.ofSeconds(5)))
                .toCompletableFuture().join().text();
    }

    double pulseScore(UUID pulse) {
        return circle.stream().mapToDouble(v -> scorer.score(ask(v, pulse, 0))).average().orElseThrow();
    }

    @Test
    void scoresSpreadOverEveryOutcome() {
        Random ids = new Random(42);
        int low = 0;
        int high = 0;
        for (int i = 0; i < PULSES; i++) {
            double score = pulseScore(new UUID(ids.nextLong(), ids.nextLong()));
            assertTrue(score >= 0.6 && score <= 1.0, "within the heuristic's range: " + score);
            low += score < 0.65 ? 1 : 0;
            high += score > 0.9 ? 1 : 0;
        }
        double lowShare = (double) low / PULSES;
        double highShare = (double) high / PULSES;
        assertTrue(lowShare > 0.05 && lowShare < 0.2, "sometimes an alert at 0.65: " + lowShare);
        assertTrue(highShare > 0.05 && highShare < 0.25, "now and then a celebration: " + highShare);
        assertTrue(1 - lowShare - highShare > 0.6, "mostly ordinary");
    }

    @Test
    void theSamePulseHearsTheSameWordsAndVoicesDiffer() {
        UUID pulse = UUID.fromString("6f1c2a3b-0000-4000-8000-000000000001");
        assertEquals(ask(circle.get(0), pulse, 1), ask(circle.get(0), pulse, 1));
        assertNotEquals(ask(circle.get(0), pulse, 1), ask(circle.get(1), pulse, 1));
    }
}
