package org.mallku.heartbeat.circle;

/** Scores one reply in [0, 1]. A replaceable bean: a better judge can take the heuristic's place. */
public interface Scorer {

    double score(RoundKind kind, String reply);
}
