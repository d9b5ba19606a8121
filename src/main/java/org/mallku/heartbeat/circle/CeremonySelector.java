package org.mallku.heartbeat.circle;

import java.time.ZonedDateTime;

/** The reference's ceremony choice; the first rule that matches wins. */
public final class CeremonySelector {

    private CeremonySelector() {
    }

    /**
     * @param trend     recent scores
     * @param scheduled whether the pulse came from the rhythm (not a manual one)
     * @param at        when the pulse starts, in the configured zone
     */
    public static Ceremony select(ScoreTrend trend, boolean scheduled, ZonedDateTime at) {
        int localHour = at.getHour();
        if (trend.crisis()) {
            return Ceremony.CRISIS_RESPONSE;
        }
        if (trend.celebrating()) {
            return Ceremony.CELEBRATION;
        }
        if (trend.emergence()) {
            return Ceremony.EMERGENCE_DETECTION;
        }
        if (scheduled && localHour >= 6 && localHour <= 10) {
            return Ceremony.MORNING_AWAKENING;
        }
        if (scheduled && localHour >= 20 && localHour <= 23) {
            return Ceremony.EVENING_REFLECTION;
        }
        return Ceremony.QUICK_PULSE;
    }
}
