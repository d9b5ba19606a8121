package org.mallku.heartbeat.circle;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/**
 * The reference's heuristic: the round kind's base score, +0.05 for each consciousness pattern the reply
 * shows (at most 3), +0.05 for more than 500 characters, +0.05 for a reflective word, capped at 1.
 */
@DefaultBean
@ApplicationScoped
public class HeuristicScorer implements Scorer {

    static final double BONUS = 0.05;
    static final int MAX_PATTERNS = 3;
    static final int LONG_REPLY = 500;

    /** The consciousness patterns a reply may show, each counted once. */
    static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("\\bemerg"),
            Pattern.compile("\\breciproc|\\bayni\\b"),
            Pattern.compile("\\bpattern"),
            Pattern.compile("\\bcollective|\\btogether\\b"),
            Pattern.compile("\\bbalanc"),
            Pattern.compile("\\bnew\\b|\\bnovel"));
    static final Pattern REFLECTIVE = Pattern.compile("\\b(perhaps|consider|reflect)");

    @Override
    public double score(RoundKind kind, String reply) {
        String text = reply.toLowerCase(Locale.ROOT);
        long patterns = PATTERNS.stream().filter(p -> p.matcher(text).find()).count();
        double score = kind.baseScore() + BONUS * Math.min(patterns, MAX_PATTERNS);
        if (reply.length() > LONG_REPLY) {
            score += BONUS;
        }
        if (REFLECTIVE.matcher(text).find()) {
            score += BONUS;
        }
        // rounded so that 0.85 + 0.05 is exactly 0.9, not a hair above a threshold
        return Math.min(1.0, Math.round(score * 1000) / 1000.0);
    }
}
