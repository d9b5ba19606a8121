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

    static String ask(OfflineVoice voice, UUID pulse, int round) {
        return voice.words(new VoiceRequest(pulse, round, "How is the circle?", List.of(), Duration.ofSeconds(5)));
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
    void theSamePulseHearsTheSameWordsFromAnyInstanceAndVoicesDiffer() {
        Random ids = new Random(7);
        for (int i = 0; i < 200; i++) {
            UUID pulse = new UUID(ids.nextLong(), ids.nextLong());
            for (Archetype archetype : Archetype.values()) {
                for (int round = 0; round < 3; round++) {
                    assertEquals(ask(new OfflineVoice(archetype), pulse, round), ask(new OfflineVoice(archetype), pulse, round));
                }
            }
        }
        // an ordinary pulse: the words after the voice's own name differ between voices, rounds and pulses
        UUID ordinary = UUID.fromString("6f1c2a3b-0000-4000-8000-000000000001");
        assertEquals(OfflineVoice.Mood.ORDINARY, OfflineVoice.Mood.of(ordinary));
        assertNotEquals(said(ask(circle.get(0), ordinary, 1)), said(ask(circle.get(1), ordinary, 1)));
        assertNotEquals(said(ask(circle.get(0), ordinary, 0)), said(ask(circle.get(0), ordinary, 1)));
        assertEquals("As the wisdom keeper, round 2: " + GOLDEN, ask(circle.get(0), ordinary, 1),
                "the words of a pulse id do not change between builds and JDKs (records and tests rely on them)");
    }

    static final String GOLDEN = "The balance between speaking and listening holds. Consider how this sits with what the"
            + " others said.";

    @Test
    void askAnswersWithTheSameWordsAfterALatency() {
        UUID pulse = UUID.fromString("6f1c2a3b-0000-4000-8000-000000000001");
        VoiceRequest request = new VoiceRequest(pulse, 1, "How is the circle?", List.of(), Duration.ofSeconds(5));
        VoiceAnswer answer = circle.get(0).ask(request).toCompletableFuture().join();
        assertEquals(circle.get(0).words(request), answer.text());
        assertTrue(answer.usage().output() > 0);
    }

    private static String said(String reply) {
        return reply.substring(reply.indexOf(':') + 1);
    }
}
