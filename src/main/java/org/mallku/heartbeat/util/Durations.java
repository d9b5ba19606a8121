package org.mallku.heartbeat.util;

import java.time.Duration;

/**
 * A duration as people write it, for logs, messages, pages and the command line: {@code 10 s}, {@code 5 min},
 * {@code 6 h}, {@code 1 d 2 h}, {@code 2 min 30 s}, {@code 250 ms}. The rule: the largest unit that is not zero,
 * followed by the next smaller unit when that is not zero; anything smaller is left out (cut, not rounded: the words
 * never say more time than there is). The units are {@code d} (24 hours), {@code h}, {@code min}, {@code s} and
 * {@code ms}; less than a millisecond is {@code < 1 ms}, nothing at all is {@code 0 s}, and a negative duration
 * takes a leading minus sign. How a configuration key is written is not changed by this: it accepts what it did.
 */
public final class Durations {

    private static final String[] UNITS = { "d", "h", "min", "s", "ms" };

    private Durations() {
    }

    /** {@code duration} in at most two units, largest first; see the class comment. */
    public static String words(Duration duration) {
        if (duration.isZero()) {
            return "0 s";
        }
        if (duration.isNegative()) {
            return "-" + words(duration.negated());
        }
        long[] parts = { duration.toDays(), duration.toHoursPart(), duration.toMinutesPart(), duration.toSecondsPart(),
                duration.toMillisPart() };
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] != 0) {
                String words = parts[i] + " " + UNITS[i];
                return i + 1 < parts.length && parts[i + 1] != 0 ? words + " " + parts[i + 1] + " " + UNITS[i + 1] : words;
            }
        }
        return "< 1 ms";
    }
}
