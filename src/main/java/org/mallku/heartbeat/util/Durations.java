package org.mallku.heartbeat.util;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Durations as people read them: {@code 10 s}, {@code 5 min}, {@code 6 h}, {@code 1 d 2 h}, {@code 250 ms}. */
public final class Durations {

    private Durations() {
    }

    /** At most the two largest units that are not zero, largest first; under a second in milliseconds. */
    public static String words(Duration duration) {
        if (duration.isNegative()) {
            return "-" + words(duration.negated());
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return duration.toMillis() + " ms";
        }
        long[] amounts = {duration.toDays(), duration.toHoursPart(), duration.toMinutesPart(), duration.toSecondsPart()};
        String[] units = {"d", "h", "min", "s"};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < amounts.length && parts.size() < 2; i++) {
            if (amounts[i] > 0) {
                parts.add(amounts[i] + " " + units[i]);
            } else if (!parts.isEmpty()) {
                break; // 1 d 0 h 5 min reads as 1 d: the second unit is the next one or none
            }
        }
        return String.join(" ", parts);
    }
}
