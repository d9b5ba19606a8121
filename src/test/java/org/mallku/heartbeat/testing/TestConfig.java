package org.mallku.heartbeat.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.mallku.heartbeat.config.HeartbeatConfig;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The heartbeat mapping read by SmallRye Config with Quarkus' converters, without starting Quarkus. */
public final class TestConfig {

    private TestConfig() {
    }

    public static HeartbeatConfig of(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(Path.class, 200, new PathConverter())
                .withMapping(HeartbeatConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build()
                .getConfigMapping(HeartbeatConfig.class);
    }
}
