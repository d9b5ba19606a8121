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
        switch (trend.reading()) {
            case CRISIS:
                return Ceremony.CRISIS_RESPONSE;
            case CELEBRATION:
                return Ceremony.CELEBRATION;
            case EMERGENCE:
                return Ceremony.EMERGENCE_DETECTION;
            case ORDINARY:
                break;
        }
        int localHour = at.getHour();
        if (scheduled && localHour >= 6 && localHour <= 10) {
            return Ceremony.MORNING_AWAKENING;
        }
        if (scheduled && localHour >= 20 && localHour <= 23) {
            return Ceremony.EVENING_REFLECTION;
        }
        return Ceremony.QUICK_PULSE;
    }
}
