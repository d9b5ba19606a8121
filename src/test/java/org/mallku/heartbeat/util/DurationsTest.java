package org.mallku.heartbeat.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations in words: at most two units, largest first, zero parts left out, smaller parts cut. */
class DurationsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PT10S|10 s",
            "PT5M|5 min",
            "PT6H|6 h",
            "PT26H|1 d 2 h",
            "PT2M30S|2 min 30 s",
            "PT0.25S|250 ms",
            "PT1.5S|1 s 500 ms",
            "PT24H|1 d",
            "PT2160H|90 d",
            "PT1H30M|1 h 30 min",
            "PT1H0M5S|1 h",
            "PT1H59M59.999S|1 h 59 min",
            "PT24H5M|1 d",
            "PT0S|0 s",
            "PT0.0000005S|< 1 ms",
            "PT-1S|-1 s",
            "PT-6H-30M|-6 h 30 min",
    })
    void words(String iso, String words) {
        assertEquals(words, Durations.words(Duration.parse(iso)));
    }
}
