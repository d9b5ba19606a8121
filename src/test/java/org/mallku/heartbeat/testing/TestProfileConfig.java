package org.mallku.heartbeat.testing;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The config overrides of a {@code @QuarkusTest} profile, each key scoped to the {@code test} profile. Quarkus sets
 * a profile's overrides as JVM system properties while it builds and starts the test application; under continuous
 * testing ({@code r} in dev mode) that JVM also runs the dev application, which would take unscoped ones on at its
 * next reload: a test's log folder, a test's rhythm.
 */
public final class TestProfileConfig {

    private TestProfileConfig() {
    }

    public static Map<String, String> scoped(Map<String, String> overrides) {
        return overrides.entrySet().stream().collect(Collectors.toUnmodifiableMap(e -> "%test." + e.getKey(),
                Map.Entry::getValue));
    }
}
