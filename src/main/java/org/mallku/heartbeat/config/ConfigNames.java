package org.mallku.heartbeat.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a key's type cannot catch about how it was written: a bare number for a duration that is naturally hours
 * or days (Quarkus reads {@code 6} as six seconds, where the reference's field was hours), and a
 * {@code HEARTBEAT_*} environment variable that names no setting (a typo is otherwise silently ignored).
 */
public final class ConfigNames {

    /** Durations a person thinks of in hours or days. */
    static final List<String> LONG_DURATIONS = List.of("heartbeat.pulse-interval", "heartbeat.rhythm.min-gap",
            "heartbeat.single-pulse.dedupe-window", "heartbeat.log.retention", "heartbeat.freshness.grace",
            "heartbeat.api.manual-cooldown");

    private static final Pattern BARE_NUMBER = Pattern.compile("\\s*\\d+(\\.\\d+)?\\s*");

    private ConfigNames() {
    }

    /** One problem per long duration written without a unit; {@code raw} answers a key's value as written. */
    public static List<String> bareNumbers(Function<String, Optional<String>> raw) {
        List<String> problems = new ArrayList<>();
        for (String key : LONG_DURATIONS) {
            raw.apply(key).filter(value -> BARE_NUMBER.matcher(value).matches()).ifPresent(value -> problems.add(key + "="
                    + value.strip() + " has no unit and would mean " + value.strip() + " seconds; write " + value.strip()
                    + "h for hours (or s, m, d)"));
        }
        return problems;
    }

    /** The environment variable a property is read from: {@code heartbeat.log-path} is {@code HEARTBEAT_LOG_PATH}. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /**
     * One warning per {@code HEARTBEAT_*} variable in {@code environment} that is the name of no property in
     * {@code known}, with the closest known variable when one is near.
     */
    public static List<String> unknownVariables(Map<String, String> environment, Set<String> known) {
        Set<String> names = new TreeSet<>();
        List<Pattern> named = new ArrayList<>(); // keys under a name of the user's: heartbeat.webhooks.*.url
        for (String property : known) {
            if (property.contains("*")) {
                named.add(Pattern.compile(Arrays.stream(property.split("\\*", -1)).map(ConfigNames::environmentName)
                        .map(Pattern::quote).collect(Collectors.joining("[A-Z0-9_]+"))));
            }
            names.add(environmentName(property));
        }
        List<String> warnings = new ArrayList<>();
        for (String variable : new TreeSet<>(environment.keySet())) {
            if (!variable.startsWith("HEARTBEAT_") || names.contains(variable)
                    || named.stream().anyMatch(pattern -> pattern.matcher(variable).matches())) {
                continue;
            }
            Optional<String> closest = names.stream()
                    .min(Comparator.comparingInt(name -> distance(name, variable)))
                    .filter(name -> distance(name, variable) <= Math.max(2, variable.length() / 5));
            warnings.add("The environment variable " + variable + " matches no setting and is ignored"
                    + closest.map(name -> "; did you mean " + name + "?").orElse(""));
        }
        return warnings;
    }

    /** Edit distance: insertions, deletions and substitutions (also what the command line suggests by). */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
