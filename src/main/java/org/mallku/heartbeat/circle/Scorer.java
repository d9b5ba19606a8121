package org.mallku.heartbeat.circle;

/**
 * Scores one reply in [0, 1] from its text (the round it answers does not matter, as in the reference). A
 * replaceable bean: a better judge can take the heuristic's place.
 */
public interface Scorer {

    double score(String reply);
}
