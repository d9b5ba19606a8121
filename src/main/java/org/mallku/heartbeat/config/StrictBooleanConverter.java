package org.mallku.heartbeat.config;

import java.util.Locale;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads a switch strictly. The standard converter reads any unknown word as {@code false}, so that
 * {@code HEARTBEAT_DAILY_PULSE_ENABLED=maybe} silently turned the daily pulse off.
 */
public class StrictBooleanConverter implements Converter<Boolean> {

    static final String EXPECTED = "expected true or false";

    @Override
    public Boolean convert(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(EXPECTED);
        };
    }
}
