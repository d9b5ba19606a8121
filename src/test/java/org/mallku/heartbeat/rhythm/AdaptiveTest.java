package org.mallku.heartbeat.rhythm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.circle.Ceremony;
import org.mallku.heartbeat.circle.CeremonySelector;
import org.mallku.heartbeat.circle.ScoreTrend;
import org.mallku.heartbeat.config.HeartbeatConfig.Phase;
import org.mallku.heartbeat.pulse.PulseHistory;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.pulse.PulseSummary;
import org.mallku.heartbeat.rhythm.Adaptive.State;
import org.mallku.heartbeat.testing.Pulses;

class AdaptiveTest {

    static final Instant NOW = Instant.parse("2026-05-10T12:00:00Z");
    static final ZoneId UTC = ZoneId.of("UTC");
    static final Duration MIN_GAP = Duration.ofMinutes(10);
    static final Schedule NONE = ScheduleTest.schedule("daily-pulse.enabled", "false");

    static List<PulseSummary> scores(double... newestFirst) {
        return Arrays.stream(newestFirst).mapToObj(s -> PulseSummary.of(Pulses.scored(NOW, s))).toList();
    }

    static ScoreTrend trend(List<PulseSummary> newestFirst) {
        return history(null, newestFirst).trend();
    }

    static PulseHistory history(Instant firstPulse, List<PulseSummary> newestFirst) {
        return new PulseHistory(null, newestFirst, new PulseHistory.Counts(newestFirst.size(), 0, 0, 0, firstPulse));
    }

    @Test
    void statesFollowTheReferenceThresholds() {
        assertEquals(State.RESTING, Adaptive.state(trend(List.of())));
        assertEquals(State.CRISIS, Adaptive.state(trend(scores(0.3, 0.35))));
        assertEquals(State.EMERGING, Adaptive.state(trend(scores(0.8, 0.7, 0.6))));
        assertEquals(State.CELEBRATING, Adaptive.state(trend(scores(0.95, 0.95))));
        assertEquals(State.ACTIVE, Adaptive.state(trend(scores(0.7, 0.7))));
        assertEquals(State.RESTING, Adaptive.state(trend(scores(0.5, 0.6))));
        assertEquals(State.ACTIVE, Adaptive.state(trend(List.of(PulseSummary.of(Pulses.failed(NOW)),
                PulseSummary.of(Pulses.scored(NOW, 0.7))))), "a failed pulse is no low score");
    }

    @Test
    void establishingAddsNothing() {
        assertEquals(Optional.empty(), Adaptive.next(Phase.ESTABLISHING, State.CRISIS, NOW, MIN_GAP, UTC, NONE));
    }

    @Test
    void responsiveQuickensOnlyForCrisisAndEmergence() {
        assertEquals(NOW.plus(Duration.ofMinutes(15)),
                Adaptive.next(Phase.RESPONSIVE, State.CRISIS, NOW, MIN_GAP, UTC, NONE).orElseThrow().at());
        assertEquals(NOW.plus(Duration.ofHours(1)),
                Adaptive.next(Phase.RESPONSIVE, State.EMERGING, NOW, MIN_GAP, UTC, NONE).orElseThrow().at());
        assertEquals(Optional.empty(), Adaptive.next(Phase.RESPONSIVE, State.CELEBRATING, NOW, MIN_GAP, UTC, NONE));
        assertEquals(Optional.empty(), Adaptive.next(Phase.RESPONSIVE, State.ACTIVE, NOW, MIN_GAP, UTC, NONE));
    }

    @Test
    void adaptiveDividesByTheMultiplierButNeverBelowTheMinimumGap() {
        Due crisis = Adaptive.next(Phase.ADAPTIVE, State.CRISIS, NOW, MIN_GAP, UTC, NONE).orElseThrow();
        assertEquals(NOW.plus(MIN_GAP), crisis.at(), "15 min / 4 = 3.75 min, held at the 10 min gap");
        assertEquals(PulseReason.ADAPTIVE, crisis.reason());
        assertEquals(NOW.plus(Duration.ofMinutes(225).dividedBy(60)),
                Adaptive.next(Phase.ADAPTIVE, State.CRISIS, NOW, Duration.ofMinutes(1), UTC, NONE).orElseThrow().at());
        assertEquals(NOW.plus(Duration.ofMinutes(30)),
                Adaptive.next(Phase.ADAPTIVE, State.EMERGING, NOW, MIN_GAP, UTC, NONE).orElseThrow().at());
        assertEquals(NOW.plus(Duration.ofMinutes(80)),
                Adaptive.next(Phase.ADAPTIVE, State.CELEBRATING, NOW, MIN_GAP, UTC, NONE).orElseThrow().at());
        assertEquals(NOW.plus(Duration.ofHours(6)),
                Adaptive.next(Phase.ADAPTIVE, State.ACTIVE, NOW, MIN_GAP, UTC, NONE).orElseThrow().at());
        assertEquals(Optional.empty(), Adaptive.next(Phase.ADAPTIVE, State.RESTING, NOW, MIN_GAP, UTC, NONE));
    }

    @Test
    void patternsKeepTheirHoursAndCrisisIgnoresQuietHours() {
        Schedule quiet = ScheduleTest.schedule("daily-pulse.enabled", "false", "quiet-hours.start", "22:00",
                "quiet-hours.end", "07:00");
        Instant late = Instant.parse("2026-05-10T21:00:00Z");
        assertEquals(Instant.parse("2026-05-11T08:00:00Z"),
                Adaptive.next(Phase.ADAPTIVE, State.ACTIVE, late, MIN_GAP, UTC, quiet).orElseThrow().at(),
                "steady pulses wait for 08:00");
        assertEquals(Instant.parse("2026-05-11T07:00:00Z"),
                Adaptive.next(Phase.ADAPTIVE, State.CELEBRATING, late, MIN_GAP, UTC, quiet).orElseThrow().at(),
                "22:20 is past the celebration hours (06-22): 06:00 tomorrow, still quiet until 07:00");
        Instant night = Instant.parse("2026-05-10T23:00:00Z");
        assertEquals(night.plus(MIN_GAP), Adaptive.next(Phase.ADAPTIVE, State.CRISIS, night, MIN_GAP, UTC, quiet)
                .orElseThrow().at(), "crisis pulses ignore quiet hours");
    }

    @Test
    void autoEvolvesWithTheHistorySoARestartKeepsThePhase() {
        List<PulseSummary> healthy = scores(0.8, 0.8, 0.8);
        assertEquals(Phase.ESTABLISHING, Adaptive.phase(Phase.AUTO, PulseHistory.EMPTY, NOW));
        assertEquals(Phase.ESTABLISHING, Adaptive.phase(Phase.AUTO, history(NOW.minus(Duration.ofDays(6)), healthy), NOW));
        assertEquals(Phase.RESPONSIVE, Adaptive.phase(Phase.AUTO, history(NOW.minus(Duration.ofDays(7)), healthy), NOW));
        assertEquals(Phase.RESPONSIVE, Adaptive.phase(Phase.AUTO, history(NOW.minus(Duration.ofDays(20)), healthy), NOW));
        assertEquals(Phase.ADAPTIVE, Adaptive.phase(Phase.AUTO, history(NOW.minus(Duration.ofDays(21)), healthy), NOW));
        List<PulseSummary> failing = IntStream.range(0, 10)
                .mapToObj(i -> PulseSummary.of(i % 2 == 0 ? Pulses.failed(NOW) : Pulses.scored(NOW, 0.8))).toList();
        assertEquals(Phase.ESTABLISHING, Adaptive.phase(Phase.AUTO, history(NOW.minus(Duration.ofDays(30)), failing), NOW),
                "an unstable rhythm falls back to the fixed schedule");
        assertEquals(Phase.RESPONSIVE, Adaptive.phase(Phase.RESPONSIVE, PulseHistory.EMPTY, NOW), "configured wins");
    }

    /** Ceremony choice and the rhythm's state read the same scores in one order: crisis, celebration, emergence. */
    @Test
    void theStateAgreesWithTheCeremonyTheSameScoresChoose() {
        Map<Ceremony, Set<State>> agree = Map.of(Ceremony.CRISIS_RESPONSE, Set.of(State.CRISIS),
                Ceremony.CELEBRATION, Set.of(State.CELEBRATING), Ceremony.EMERGENCE_DETECTION, Set.of(State.EMERGING),
                Ceremony.QUICK_PULSE, Set.of(State.ACTIVE, State.RESTING));
        ZonedDateTime noon = NOW.atZone(UTC).withHour(12);
        for (double[] newestFirst : List.of(new double[] {0.95, 0.92, 0.91}, new double[] {0.3, 0.35},
                new double[] {0.39, 0.5, 0.6}, new double[] {0.85, 0.85, 0.85}, new double[] {0.8, 0.7, 0.6},
                new double[] {0.92, 0.91}, new double[] {0.7, 0.7}, new double[] {0.5, 0.6})) {
            ScoreTrend trend = trend(scores(newestFirst));
            Ceremony ceremony = CeremonySelector.select(trend, false, noon);
            assertTrue(agree.get(ceremony).contains(Adaptive.state(trend)), Arrays.toString(newestFirst) + ": "
                    + ceremony + " but " + Adaptive.state(trend));
        }
        assertEquals(State.CELEBRATING, Adaptive.state(trend(scores(0.95, 0.92, 0.91))),
                "sustained and above 0.9: a celebration first, as the ceremony ladder has it");
    }

    @Test
    void noLastPulseNoAdaptivePulse() {
        assertTrue(Adaptive.next(Phase.ADAPTIVE, State.CRISIS, null, MIN_GAP, UTC, NONE).isEmpty());
    }
}
