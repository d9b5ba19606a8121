package org.mallku.heartbeat.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reference's heuristic, rule by rule, and its reading of a round. */
class ScoringTest {

    final Scorer scorer = new HeuristicScorer();

    /** The base comes from the reply's own text, first match wins; a plain answer is a message, 0.60. */
    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            All is calm.                                      | message       | 0.60
            Is it calm? Are we here? Yes.                     | question      | 0.70
            Is it calm?                                       | question      | 0.70
            I propose we wait.                                | proposal      | 0.80
            What if we wait.                                  | proposal      | 0.80
            I agree with the others.                          | agreement     | 0.70
            Yes. All is calm.                                 | agreement     | 0.70
            I disagree with the others.                       | agreement     | 0.70
            However, the circle holds.                        | disagreement  | 0.70
            I want to contribute.                             | disagreement  | 0.70
            Pondering it, all is calm.                        | reflection    | 0.85
            In summary, all is calm.                          | summary       | 0.80
            In other words, all is calm.                      | clarification | 0.70
            I suggest we keep pondering.                      | proposal      | 0.80
            """)
    void theMessageTypeGivesTheBase(String reply, String type, double score) {
        assertEquals(type, HeuristicScorer.MessageType.of(reply.toLowerCase()).name().toLowerCase());
        assertEquals(score, scorer.score(reply));
    }

    /** "Upon reflection" also holds the reflective word "reflect"; four patterns count as three. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            Upon reflection, all is calm.                                      | 0.70
            It occurs to me that all is calm.                                  | 0.65
            Bringing together the mutual threads, all is calm.                 | 0.70
            Integrating the exchange, an insight: all is calm.                 | 0.75
            Upon reflection, integrating the balance, an insight is emerging.  | 0.80
            Considering deeply, synthesizing, in balance, with insight.        | 0.80
            What do we assume here? I wonder.                                  | 0.65
            We assume it is calm.                                              | 0.60
            """)
    void eachPatternAddsOnceAndAtMostThreeTimes(String reply, double score) {
        assertEquals(score, scorer.score(reply));
    }

    @Test
    void lengthAndReflectiveWordsAddOnceEach() {
        assertEquals(0.60, scorer.score("x".repeat(500)), "500 characters is not longer than 500");
        assertEquals(0.65, scorer.score("x".repeat(501)));
        assertEquals(0.65, scorer.score("Perhaps all is calm"));
        assertEquals(0.65, scorer.score("Consider it, perhaps, and reflect"), "one bonus for any number of them");
        assertEquals(0.70, scorer.score("Perhaps " + "x".repeat(500)));
    }

    @Test
    void theScoreIsCappedAtOne() {
        String reply = "Reflecting on this, I am pondering: integrating the mutual insight, perhaps. " + "y".repeat(600);
        // reflection 0.85 + 3 patterns 0.15 + length 0.05 + reflective 0.05 = 1.10
        assertEquals(1.0, scorer.score(reply));
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
        assertEquals(List.of(RoundPattern.HIGH_CONSCIOUSNESS_COHERENCE, RoundPattern.CONSCIOUSNESS_CONVERGENCE), judgement.patterns());
        assertTrue(judgement.emergence());
    }

    @Test
    void convergenceAloneAtALowMeanIsNoEmergence() {
        RoundJudgement judgement = RoundJudgement.of(List.of(0.5, 0.55));
        assertEquals(List.of(RoundPattern.CONSCIOUSNESS_CONVERGENCE), judgement.patterns());
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
