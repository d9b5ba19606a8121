package org.mallku.heartbeat.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CeremonySelectorTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ScoreTrend CALM = new ScoreTrend(List.of(0.7, 0.7, 0.7));

    /** A pulse at local {@code hour}:30 in Berlin on a winter day, read through a fixed clock. */
    static ZonedDateTime at(int hour) {
        Clock clock = Clock.fixed(Instant.parse("2026-01-15T00:30:00Z").plusSeconds(3600L * (hour - 1)), BERLIN);
        return ZonedDateTime.now(clock);
    }

    @Test
    void noHistoryMeansARecentMeanOfPointSeven() {
        ScoreTrend empty = new ScoreTrend(List.of());
        assertEquals(0.7, empty.recent());
        assertFalse(empty.crisis());
        assertFalse(empty.emergence());
        assertEquals(Ceremony.QUICK_PULSE, CeremonySelector.select(empty, true, at(14)));
    }

    @Test
    void theMeanLooksAtTheNewestFiveOnly() {
        assertEquals(0.5, new ScoreTrend(List.of(0.5, 0.5, 0.5, 0.5, 0.5, 0.0, 0.0)).recent(), 1e-9);
    }

    @ParameterizedTest
    @CsvSource({ "0.39, CRISIS_RESPONSE", "0.4, QUICK_PULSE" })
    void crisisIsARecentMeanBelowPointFour(double score, Ceremony expected) {
        assertEquals(expected, CeremonySelector.select(new ScoreTrend(List.of(score)), true, at(14)));
    }

    @ParameterizedTest
    @CsvSource({ "0.91, CELEBRATION", "0.9, QUICK_PULSE" })
    void celebrationIsARecentMeanAbovePointNine(double score, Ceremony expected) {
        assertEquals(expected, CeremonySelector.select(new ScoreTrend(List.of(score)), true, at(14)));
    }

    @Test
    void crisisWinsOverEverythingElse() {
        ScoreTrend risingButLow = new ScoreTrend(List.of(0.39, 0.3, 0.2));
        assertTrue(risingButLow.emergence());
        assertEquals(Ceremony.CRISIS_RESPONSE, CeremonySelector.select(risingButLow, true, at(8)));
    }

    @Test
    void celebrationWinsOverEmergence() {
        ScoreTrend sustainedHigh = new ScoreTrend(List.of(0.95, 0.92, 0.91));
        assertTrue(sustainedHigh.emergence());
        assertEquals(Ceremony.CELEBRATION, CeremonySelector.select(sustainedHigh, true, at(8)));
    }

    @Test
    void emergenceWhenTheLastThreeStrictlyRise() {
        assertEquals(Ceremony.EMERGENCE_DETECTION,
                CeremonySelector.select(new ScoreTrend(List.of(0.8, 0.75, 0.7)), true, at(8)));
        assertFalse(new ScoreTrend(List.of(0.8, 0.75, 0.75)).emergence(), "level is not rising");
        assertFalse(new ScoreTrend(List.of(0.7, 0.75, 0.8)).emergence(), "falling is not rising");
    }

    @Test
    void emergenceWhenTheLastThreeAreAllAbovePointEight() {
        assertTrue(new ScoreTrend(List.of(0.85, 0.81, 0.82)).emergence());
        assertFalse(new ScoreTrend(List.of(0.85, 0.8, 0.82)).emergence(), "0.8 itself is not above 0.8");
    }

    @Test
    void emergenceNeedsThreePulses() {
        assertFalse(new ScoreTrend(List.of(0.85, 0.82)).emergence());
        assertFalse(new ScoreTrend(List.of(0.8, 0.7)).emergence());
    }

    @ParameterizedTest
    @CsvSource({
            "5, QUICK_PULSE", "6, MORNING_AWAKENING", "10, MORNING_AWAKENING", "11, QUICK_PULSE",
            "19, QUICK_PULSE", "20, EVENING_REFLECTION", "23, EVENING_REFLECTION", "0, QUICK_PULSE" })
    void scheduledPulsesFollowTheLocalHour(int hour, Ceremony expected) {
        assertEquals(hour, at(hour).getHour());
        assertEquals(expected, CeremonySelector.select(CALM, true, at(hour)));
    }

    @ParameterizedTest
    @CsvSource({ "8", "21" })
    void manualPulsesIgnoreTheHour(int hour) {
        assertEquals(Ceremony.QUICK_PULSE, CeremonySelector.select(CALM, false, at(hour)));
    }

    @Test
    void theHourIsReadInTheConfiguredZone() {
        // 06:30 UTC is 07:30 in Berlin in winter (morning) but 01:30 in New York (not morning)
        Instant instant = Instant.parse("2026-01-15T06:30:00Z");
        assertEquals(Ceremony.MORNING_AWAKENING, CeremonySelector.select(CALM, true, instant.atZone(BERLIN)));
        assertEquals(Ceremony.QUICK_PULSE,
                CeremonySelector.select(CALM, true, instant.atZone(ZoneId.of("America/New_York"))));
    }
}
