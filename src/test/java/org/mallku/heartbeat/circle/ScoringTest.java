package org.mallku.heartbeat.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScoringTest {

    final Scorer scorer = new HeuristicScorer();

    @Test
    void aPlainReplyScoresItsRoundKindsBase() {
        assertEquals(0.85, scorer.score(RoundKind.REFLECTION, "All is calm."));
        assertEquals(0.80, scorer.score(RoundKind.SYNTHESIS, "All is calm."));
        assertEquals(0.80, scorer.score(RoundKind.PROPOSAL, "All is calm."));
        assertEquals(0.70, scorer.score(RoundKind.CLARIFICATION, "All is calm."));
        assertEquals(0.70, scorer.score(RoundKind.OPENING, "All is calm."));
    }

    @Test
    void eachPatternAddsAtMostThreeTimes() {
        assertEquals(0.75, scorer.score(RoundKind.OPENING, "An emergence."));
        assertEquals(0.80, scorer.score(RoundKind.OPENING, "An emergence of reciprocity."));
        assertEquals(0.85, scorer.score(RoundKind.OPENING, "An emergence, a pattern, reciprocity and balance."));
        assertEquals(0.85, scorer.score(RoundKind.OPENING, "An emergence, a pattern, reciprocity, balance, together."));
    }

    @Test
    void lengthAndReflectiveWordsAddOnce() {
        String reply = "Perhaps. " + "x".repeat(500);
        assertEquals(0.80, scorer.score(RoundKind.OPENING, reply));
        assertEquals(0.70, scorer.score(RoundKind.OPENING, "x".repeat(500)), "500 characters is not longer than 500");
    }

    @Test
    void theScoreIsCappedAtOne() {
        String reply = "Consider the emergence, the pattern and the reciprocity. " + "y".repeat(600);
        assertEquals(1.0, scorer.score(RoundKind.REFLECTION, reply));
    }

    @Test
    void roundsWithOneReplyHaveNoPatterns() {
        RoundJudgement one = RoundJudgement.of(List.of(0.95));
        assertEquals(0.95, one.score());
        assertTrue(one.patterns().isEmpty());
        assertFalse(one.emergence());
    }

    @Test
    void coherenceAndConvergence() {
        RoundJudgement judgement = RoundJudgement.of(List.of(0.8, 0.9));
        assertEquals(List.of(RoundJudgement.COHERENCE, RoundJudgement.CONVERGENCE), judgement.patterns());
        assertTrue(judgement.emergence());
    }

    @Test
    void convergenceAloneAtALowMeanIsNoEmergence() {
        RoundJudgement judgement = RoundJudgement.of(List.of(0.5, 0.55));
        assertEquals(List.of(RoundJudgement.CONVERGENCE), judgement.patterns());
        assertFalse(judgement.emergence());
    }

    @Test
    void divergentRepliesDoNotConverge() {
        RoundJudgement judgement = RoundJudgement.of(List.of(0.2, 1.0));
        assertEquals(List.of(), judgement.patterns());
        assertEquals(0.6, judgement.score(), 1e-9);
    }

    @Test
    void aRoundWithoutRepliesHasNoScore() {
        assertNull(RoundJudgement.of(List.of()).score());
    }
}
