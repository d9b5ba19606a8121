package org.mallku.heartbeat.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.log.FilePulseLog;
import org.mallku.heartbeat.log.Unwritten;
import org.mallku.heartbeat.pulse.PulseMemory;
import org.mallku.heartbeat.util.Periodic;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The file store on a folder, held the way the service holds it: behind a {@link PulseMemory}, restored. */
public final class Stores {

    private Stores() {
    }

    public static PulseMemory onFolder(Path dir, Clock clock) {
        HeartbeatConfig config = TestConfig.of(Map.of("heartbeat.log-path", dir.toString()));
        PulseMemory memory = new PulseMemory(new FilePulseLog(config, clock, new ObjectMapper(), new Periodic(),
                new Unwritten(config, new ObjectMapper())), config, null);
        memory.restore();
        return memory;
    }
}
