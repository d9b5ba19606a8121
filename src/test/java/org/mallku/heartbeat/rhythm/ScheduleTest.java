package org.mallku.heartbeat.rhythm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.testing.TestConfig;

class ScheduleTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static Schedule schedule(String... keyValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put("heartbeat." + keyValues[i], keyValues[i + 1]);
        }
        return Schedule.of(TestConfig.of(properties));
    }

    /** The next {@code n} pulses after {@code from}, each following the one before. */
    static List<Due> pulses(Schedule schedule, Instant from, int n) {
        List<Due> dues = new ArrayList<>();
        Optional<Due> due = schedule.next(from);
        while (due.isPresent() && dues.size() < n) {
            dues.add(due.get());
            due = schedule.following(due.get());
        }
        return dues;
    }

    static String local(Due due, ZoneId zone) {
        return due.at().atZone(zone).toLocalTime() + " " + due.reason().label();
    }

    @Test
    void dailyAndIntervalCombine() {
        Schedule schedule = schedule("pulse-interval", "6h");
        List<Due> dues = pulses(schedule, Instant.parse("2026-05-10T00:00:00Z"), 6);
        assertEquals(List.of("06:00 interval", "09:00 daily", "12:00 interval", "18:00 interval", "00:00 interval",
                "06:00 interval"), dues.stream().map(d -> local(d, UTC)).toList());
    }

    @Test
    void theGridIsAnchoredAtLocalMidnightNotAtTheLastPulse() {
        Schedule schedule = schedule("daily-pulse.enabled", "false", "pulse-interval", "6h", "time-zone", "Europe/Berlin");
        List<Due> dues = pulses(schedule, Instant.parse("2026-05-10T07:13:42Z"), 4);
        assertEquals(List.of("12:00 interval", "18:00 interval", "00:00 interval", "06:00 interval"),
                dues.stream().map(d -> local(d, BERLIN)).toList());
    }

    @Test
    void anIntervalThatDoesNotDivideTheDayRestartsAtMidnight() {
        Schedule schedule = schedule("daily-pulse.enabled", "false", "pulse-interval", "7h");
        List<Due> dues = pulses(schedule, Instant.parse("2026-05-10T00:00:00Z"), 5);
        assertEquals(List.of("07:00 interval", "14:00 interval", "21:00 interval", "00:00 interval", "07:00 interval"),
                dues.stream().map(d -> local(d, UTC)).toList());
    }

    @Test
    void dueTimesCloserThanTheCheckInDurationCoalesceWithTheEarlierReason() {
        Schedule schedule = schedule("pulse-interval", "6h", "daily-pulse.time", "06:00:10");
        List<Due> dues = pulses(schedule, Instant.parse("2026-05-10T01:00:00Z"), 2);
        assertEquals(List.of("06:00 interval", "12:00 interval"), dues.stream().map(d -> local(d, UTC)).toList());
        Schedule apart = schedule("pulse-interval", "6h", "daily-pulse.time", "06:00:30");
        assertEquals(List.of("06:00 interval", "06:00:30 daily"),
                pulses(apart, Instant.parse("2026-05-10T01:00:00Z"), 2).stream().map(d -> local(d, UTC)).toList());
    }

    @Test
    void theCronCombinesToo() {
        Schedule schedule = schedule("daily-pulse.enabled", "false", "cron", "0 30 */8 * * ?", "time-zone", "Europe/Berlin");
        List<Due> dues = pulses(schedule, Instant.parse("2026-05-10T00:00:00Z"), 3);
        assertEquals(List.of("08:30 cron", "16:30 cron", "00:30 cron"), dues.stream().map(d -> local(d, BERLIN)).toList());
    }

    @Test
    void nothingConfiguredMeansNoPulsesAtAll() {
        Schedule schedule = schedule("daily-pulse.enabled", "false");
        assertTrue(schedule.isEmpty());
        assertEquals(Optional.empty(), schedule.next(Instant.parse("2026-05-10T00:00:00Z")));
        assertEquals(Optional.empty(), schedule.lastDue(Instant.parse("2026-05-10T00:00:00Z")));
    }

    @Test
    void springForwardFiresAtTheFirstValidInstantAfterTheMissingTime() {
        // Berlin skips 02:00-03:00 on 2026-03-29; New York skips 02:00-03:00 on 2026-03-08
        assertEquals(Instant.parse("2026-03-29T01:00:00Z"), // 03:00 CEST
                schedule("daily-pulse.time", "02:30", "time-zone", "Europe/Berlin")
                        .next(Instant.parse("2026-03-28T12:00:00Z")).orElseThrow().at());
        assertEquals(Instant.parse("2026-03-08T07:00:00Z"), // 03:00 EDT
                schedule("daily-pulse.time", "02:30", "time-zone", "America/New_York")
                        .next(Instant.parse("2026-03-07T12:00:00Z")).orElseThrow().at());
    }

    @Test
    void fallBackFiresAnAmbiguousTimeOnce() {
        // Berlin repeats 02:00-03:00 on 2026-10-25; New York repeats 01:00-02:00 on 2026-11-01
        List<Due> berlin = pulses(schedule("daily-pulse.time", "02:30", "time-zone", "Europe/Berlin"),
                Instant.parse("2026-10-24T12:00:00Z"), 2);
        assertEquals(List.of(Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-26T01:30:00Z")),
                berlin.stream().map(Due::at).toList());
        List<Due> newYork = pulses(schedule("daily-pulse.time", "01:30", "time-zone", "America/New_York"),
                Instant.parse("2026-10-31T12:00:00Z"), 2);
        assertEquals(List.of(Instant.parse("2026-11-01T05:30:00Z"), Instant.parse("2026-11-02T06:30:00Z")),
                newYork.stream().map(Due::at).toList());
    }

    @Test
    void theIntervalGridStaysOnLocalTimesAcrossBothTransitions() {
        Schedule berlin = schedule("daily-pulse.enabled", "false", "pulse-interval", "6h", "time-zone", "Europe/Berlin");
        assertEquals(List.of("00:00", "06:00", "12:00", "18:00", "00:00"),
                pulses(berlin, Instant.parse("2026-03-28T22:00:00Z"), 5).stream()
                        .map(d -> d.at().atZone(BERLIN).toLocalTime().toString()).toList());
        List<Due> fall = pulses(berlin, Instant.parse("2026-10-24T22:00:00Z"), 3); // from 00:00 CEST on the 25th
        assertEquals(List.of("06:00", "12:00", "18:00"),
                fall.stream().map(d -> d.at().atZone(BERLIN).toLocalTime().toString()).toList());
        Schedule newYork = schedule("daily-pulse.enabled", "false", "pulse-interval", "1h", "time-zone", "America/New_York");
        List<Due> night = pulses(newYork, Instant.parse("2026-03-08T05:30:00Z"), 3); // 00:30 EST
        assertEquals(List.of(Instant.parse("2026-03-08T06:00:00Z"), Instant.parse("2026-03-08T07:00:00Z"),
                Instant.parse("2026-03-08T08:00:00Z")), night.stream().map(Due::at).toList(),
                "01:00 EST, then 02:00 (missing) fires at 03:00 EDT, then 04:00 EDT");
    }

    @Test
    void quietHoursAcrossMidnightMoveScheduledPulsesToTheirEnd() {
        Schedule schedule = schedule("pulse-interval", "6h", "quiet-hours.start", "22:00", "quiet-hours.end", "07:00");
        List<Due> dues = pulses(schedule, Instant.parse("2026-05-10T19:00:00Z"), 4);
        assertEquals(List.of("07:00 interval", "09:00 daily", "12:00 interval", "18:00 interval"),
                dues.stream().map(d -> local(d, UTC)).toList(), "00:00 and 06:00 wait for 07:00 and run once");
        assertTrue(dues.get(0).movedByQuietHours());
        assertEquals(Instant.parse("2026-05-11T00:00:00Z"), dues.get(0).original());
        assertTrue(schedule.quiet(Instant.parse("2026-05-10T23:00:00Z")));
        assertTrue(schedule.quiet(Instant.parse("2026-05-11T06:59:59Z")));
        assertFalse(schedule.quiet(Instant.parse("2026-05-11T07:00:00Z")));
        assertFalse(schedule.quiet(Instant.parse("2026-05-10T21:59:59Z")));
    }

    @Test
    void quietHoursWithinADay() {
        Schedule schedule = schedule("daily-pulse.time", "13:00", "quiet-hours.start", "12:00", "quiet-hours.end", "14:30");
        assertEquals("14:30 daily", local(schedule.next(Instant.parse("2026-05-10T00:00:00Z")).orElseThrow(), UTC));
    }

    @Test
    void aYearOfDailyAndIntervalPulsesNeitherDriftsNorRepeats() {
        Schedule schedule = schedule("pulse-interval", "6h", "time-zone", "Europe/Berlin");
        Instant start = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, BERLIN).toInstant();
        List<Due> year = pulses(schedule, start.minusNanos(1), 365 * 5);
        assertEquals(365 * 5, year.size());
        assertEquals(year.size(), new HashSet<>(year.stream().map(Due::at).toList()).size(), "no duplicates");
        for (int i = 1; i < year.size(); i++) {
            assertTrue(year.get(i).at().isAfter(year.get(i - 1).at()), "strictly increasing");
        }
        for (Due due : year) {
            LocalTime local = due.at().atZone(BERLIN).toLocalTime();
            if (due.reason() == PulseReason.DAILY) {
                assertEquals(LocalTime.of(9, 0), local, "no drift: " + due);
            } else {
                assertTrue(local.getMinute() == 0 && local.getSecond() == 0 && local.getHour() % 6 == 0, "no drift: " + due);
            }
        }
        assertEquals(ZonedDateTime.of(2026, 12, 31, 18, 0, 0, 0, BERLIN).toInstant(), year.get(year.size() - 1).at());
    }

    @Test
    void theLastDueTimeAndTheCatchUpDecision() {
        Schedule schedule = schedule("pulse-interval", "6h");
        Instant now = Instant.parse("2026-05-10T13:00:00Z");
        assertEquals(Optional.of(Instant.parse("2026-05-10T12:00:00Z")), schedule.lastDue(now));
        assertTrue(schedule.missed(Instant.parse("2026-05-10T09:00:00Z"), now), "12:00 was missed");
        assertFalse(schedule.missed(Instant.parse("2026-05-10T12:00:01Z"), now), "a plain restart");
        assertFalse(schedule.missed(Instant.parse("2026-05-10T11:59:45Z"), now), "coalesced into the 12:00 slot");
    }

    @Test
    void aDueTimeWaitingInTheCurrentQuietHoursHasNotFallenDueYet() {
        Schedule schedule = schedule("daily-pulse.time", "23:00", "quiet-hours.start", "22:00", "quiet-hours.end", "07:00");
        Instant now = Instant.parse("2026-05-10T23:30:00Z"); // today's 23:00 waits until 07:00
        assertEquals(Optional.of(Instant.parse("2026-05-10T07:00:00Z")), schedule.lastDue(now),
                "yesterday's 23:00, which ran at 07:00 today");
    }
}
