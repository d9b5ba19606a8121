package org.mallku.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.config.InvalidConfigurationException;
import org.mallku.heartbeat.config.StartupFailure;

import io.quarkus.runtime.ApplicationLifecycleManager;

/**
 * The exit of the application is Quarkus's to take: in production its handler ends the process, in dev mode it
 * keeps it alive across hot reloads. {@link HeartbeatMain} only chooses the code. The packaged app's real exit
 * codes are proven by the {@code *IT} tests, dev mode's survival by {@code dev/live-reload-check.sh}.
 */
class HeartbeatMainTest {

    private final List<Integer> codes = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private BiConsumer<Integer, Throwable> previous;

    @BeforeEach
    void recordExits() {
        previous = ApplicationLifecycleManager.getDefaultExitCodeHandler();
        ApplicationLifecycleManager.setDefaultExitCodeHandler((code, failure) -> {
            codes.add(code);
            failures.add(failure);
        });
    }

    @AfterEach
    void restore() {
        ApplicationLifecycleManager.setDefaultExitCodeHandler(previous);
    }

    @Test
    void aStopIsLeftToQuarkusWithItsCode() {
        HeartbeatMain.exit(0, null);
        HeartbeatMain.exit(1, null);
        assertEquals(List.of(0, 1), codes);
    }

    @Test
    void aStartRefusedForBadConfigurationExitsTwo() {
        var bad = new IllegalStateException("boot failed",
                new InvalidConfigurationException(List.of("heartbeat.voices.min=5 is greater than heartbeat.voices.max=3")));
        HeartbeatMain.exit(1, bad);
        assertEquals(List.of(StartupFailure.BAD_CONFIGURATION), codes);
        assertSame(bad, failures.get(0));
    }

    @Test
    void anyOtherFailedStartKeepsQuarkusCode() {
        HeartbeatMain.exit(1, new IllegalStateException("port in use"));
        assertEquals(List.of(1), codes);
    }
}
