package org.mallku.heartbeat.circle;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/**
 * The reference's heuristic, as its Anthropic adapter applies it: a message type read from the reply's own text
 * gives the base (a plain answer 0.60), +0.05 for each consciousness pattern it shows (at most 3), +0.05 for
 * more than 500 characters, +0.05 for a reflective word, capped at 1. Words are matched as the reference
 * matches them, as substrings of the lower-cased text ("but" is found in "contribute").
 */
@DefaultBean
@ApplicationScoped
public class HeuristicScorer implements Scorer {

    static final double BONUS = 0.05;
    static final int MAX_PATTERNS = 3;
    static final int LONG_REPLY = 500;

    /** The message types the reference infers, in the order it tries them, each with its base score. */
    enum MessageType {
        QUESTION(0.70),
        PROPOSAL(0.80, "propose", "suggest", "could we", "what if"),
        AGREEMENT(0.70, "agree", "yes", "correct", "indeed"),
        DISAGREEMENT(0.70, "disagree", "however", "but", "alternatively"),
        REFLECTION(0.85, "reflecting", "contemplating", "pondering"),
        SUMMARY(0.80, "summary", "in summary", "to summarize"),
        CLARIFICATION(0.70, "clarify", "you mean", "in other words"),
        MESSAGE(0.60);

        final double base;
        final List<String> words;

        MessageType(double base, String... words) {
            this.base = base;
            this.words = List.of(words);
        }

        /** First match wins: more '?' than '.' is a question, then the word lists in order, else a message. */
        static MessageType of(String text) {
            if (count(text, '?') > count(text, '.')) {
                return QUESTION;
            }
            for (MessageType type : values()) {
                if (containsAny(text, type.words)) {
                    return type;
                }
            }
            return MESSAGE;
        }
    }

    /** The consciousness patterns a reply may show, each counted once. */
    enum Signal {
        DEEP_REFLECTION("reflecting on", "considering deeply", "upon reflection"),
        SYNTHESIS("bringing together", "synthesizing", "integrating"),
        QUESTIONING_ASSUMPTIONS("assume", "presuppose", "implicit"),
        RECIPROCITY("reciprocal", "mutual", "exchange", "balance"),
        EMERGENT_INSIGHT("it occurs to me", "emerging", "realize", "insight");

        final List<String> phrases;

        Signal(String... phrases) {
            this.phrases = List.of(phrases);
        }

        boolean shownIn(String text) {
            // questioning assumptions needs a question as well as the word
            return containsAny(text, phrases) && (this != QUESTIONING_ASSUMPTIONS || text.indexOf('?') >= 0);
        }
    }

    static final List<String> REFLECTIVE = List.of("perhaps", "consider", "reflect");

    @Override
    public double score(String reply) {
        String text = reply.toLowerCase(Locale.ROOT);
        long signals = Arrays.stream(Signal.values()).filter(s -> s.shownIn(text)).count();
        double score = MessageType.of(text).base + BONUS * Math.min(signals, MAX_PATTERNS);
        if (reply.length() > LONG_REPLY) {
            score += BONUS;
        }
        if (containsAny(text, REFLECTIVE)) {
            score += BONUS;
        }
        // rounded so that 0.85 + 0.05 is exactly 0.9, not a hair above a threshold
        return Math.min(1.0, Math.round(score * 1000) / 1000.0);
    }

    private static boolean containsAny(String text, List<String> words) {
        return words.stream().anyMatch(text::contains);
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }
}
