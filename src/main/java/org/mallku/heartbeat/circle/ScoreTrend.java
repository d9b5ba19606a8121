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

    public ScoreTrend {
        newestFirst = List.copyOf(newestFirst);
    }

    /** Mean of the newest {@value #WINDOW} scores, {@value #NO_HISTORY} when there are none. */
    public double recent() {
        return newestFirst.stream().limit(WINDOW).mapToDouble(Double::doubleValue).average().orElse(NO_HISTORY);
    }

    public boolean crisis() {
        return recent() < CRISIS_BELOW;
    }

    public boolean celebrating() {
        return recent() > CELEBRATION_ABOVE;
    }

    /** At least three scores, and the last three strictly rising or all above {@value #SUSTAINED_ABOVE}. */
    public boolean emergence() {
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
