package org.mallku.heartbeat.config;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigValidationException;

/**
 * Turns a failed start caused by configuration into the lines an operator needs: the key, the bad value
 * and why, without the stack trace.
 */
public final class StartupFailure {

    /** Exit code of a start refused for bad configuration. */
    public static final int BAD_CONFIGURATION = 2;

    private static final Pattern CONVERSION = Pattern.compile(
            "The config property (\\S+) with the config value \"(.*?)\" threw an Exception whilst being converted\\s*(.*)",
            Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("^SRCFG\\d+: ");
    static final String DURATION = "expected a duration such as 30s, 10m, 6h or PT6H";
    /** What a value of each key should look like, where the converter's own words do not say. */
    private static final Map<String, String> EXPECTED = Map.of(
            "heartbeat.time-zone", "expected an IANA time zone such as UTC or Europe/Berlin",
            "heartbeat.daily-pulse.time", "expected a local time such as 09:00",
            "heartbeat.pulse-interval", DURATION,
            "heartbeat.check-in-duration", DURATION,
            "heartbeat.voices.min", "expected a whole number",
            "heartbeat.voices.max", "expected a whole number",
            "heartbeat.thresholds.alert", "expected a number between 0 and 1",
            "heartbeat.thresholds.celebration", "expected a number between 0 and 1");

    private StartupFailure() {
    }

    /** The configuration problems behind {@code failure}, one line each; empty if it is not a configuration problem. */
    public static Optional<String> describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigurationException) {
                return Optional.of(t.getMessage());
            }
            if (t instanceof SQLException) {
                return Optional.of("heartbeat.store=postgresql: the database at quarkus.datasource.jdbc.url cannot be used: "
                        + t.getMessage());
            }
            if (t instanceof ConfigValidationException invalid) {
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < invalid.getProblemCount(); i++) {
                    lines.add(readable(invalid.getProblem(i).getMessage()));
                }
                return Optional.of(String.join(System.lineSeparator(), lines));
            }
            if (t instanceof ConfigurationException || (t.getMessage() != null && CONVERSION.matcher(t.getMessage()).find())) {
                return Optional.of(readable(t.getMessage()));
            }
        }
        return Optional.empty();
    }

    /** {@code SRCFG00039: The config property k with the config value "v" threw ... X: why} becomes {@code k=v is not valid: why}. */
    static String readable(String message) {
        Matcher m = CONVERSION.matcher(message);
        if (!m.find()) {
            return CODE.matcher(message.strip()).replaceFirst("").replaceAll("\\s+", " ");
        }
        String key = m.group(1);
        String why = EXPECTED.getOrDefault(key, CODE.matcher(m.group(3).strip()).replaceFirst("").replaceAll("\\s+", " "));
        return key + "=" + m.group(2) + " is not valid" + (why.isEmpty() ? "" : ": " + why);
    }
}
