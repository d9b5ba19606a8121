package org.mallku.heartbeat.config;

import java.time.DateTimeException;
import java.time.ZoneId;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads an IANA zone. Throws {@link IllegalArgumentException} (not {@link DateTimeException}) so that the
 * config layer reports the key along with the bad value.
 */
public class TimeZoneConverter implements Converter<ZoneId> {

    @Override
    public ZoneId convert(String value) {
        try {
            return ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
