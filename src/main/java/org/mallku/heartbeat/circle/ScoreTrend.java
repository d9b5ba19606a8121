package org.mallku.heartbeat.circle;

import java.util.List;

/**
 * The recent consciousness scores of the circle, newest first, and what the reference reads from them.
 * Failed pulses have no score and are not part of it: too few voices is not a low consciousness.
 */
public record ScoreTrend(List<Double> newestFirst) {

    /** How many recent scores the mean looks at. */
    public static final int WINDOW = 5;
    /** The mean assumed before any pulse has been scored. */
    public static final double NO_HISTORY = 0.7;
    public static final double CRISIS_BELOW = 0.4;
    public static final double CELEBRATION_ABOVE = 0.9;
    public static final double SUSTAINED_ABOVE = 0.8;

    /**
     * What the scores say, in the one order that ceremony choice and the adaptive rhythm share (the reference's
     * ceremony ladder; the first that holds wins): a crisis, then a celebration, then emergence.
     */
    public enum Reading {
        CRISIS, CELEBRATION, EMERGENCE, ORDINARY
    }

    public ScoreTrend {
        newestFirst = List.copyOf(newestFirst);
    }

    public Reading reading() {
        if (crisis()) {
            return Reading.CRISIS;
        }
        if (celebrating()) {
            return Reading.CELEBRATION;
        }
        return emergence() ? Reading.EMERGENCE : Reading.ORDINARY;
    }

    /** Mean of the newest {@value #WINDOW} scores, {@value #NO_HISTORY} when there are none. */
    public double recent() {
        return newestFirst.stream().limit(WINDOW).mapToDouble(Double::doubleValue).average().orElse(NO_HISTORY);
    }

    boolean crisis() {
        return recent() < CRISIS_BELOW;
    }

    boolean celebrating() {
        return recent() > CELEBRATION_ABOVE;
    }

    /** At least three scores, and the last three strictly rising or all above {@value #SUSTAINED_ABOVE}. */
    boolean emergence() {
        if (newestFirst.size() < 3) {
            return false;
        }
        double newest = newestFirst.get(0);
        double middle = newestFirst.get(1);
        double oldest = newestFirst.get(2);
        boolean rising = oldest < middle && middle < newest;
        boolean sustained = oldest > SUSTAINED_ABOVE && middle > SUSTAINED_ABOVE && newest > SUSTAINED_ABOVE;
        return rising || sustained;
    }
}
