package org.mallku.heartbeat.util;

import java.util.Locale;

/**
 * How an enum constant is written outside the code (records, metric labels, JSON, configuration): lower case,
 * {@code QUIET_HOURS} as {@code quiet_hours}, or hyphenated, {@code CATCH_UP} as {@code catch-up}. Reading accepts
 * either form in any case.
 */
public final class Labels {

    private Labels() {
    }

    /** {@code QUIET_HOURS} as {@code quiet_hours}. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** {@code CATCH_UP} as {@code catch-up}. */
    public static String hyphenated(Enum<?> constant) {
        return of(constant).replace('_', '-');
    }

    /** The constant written as {@code label}; {@link IllegalArgumentException} when there is none. */
    public static <E extends Enum<E>> E parse(Class<E> type, String label) {
        return Enum.valueOf(type, label.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
