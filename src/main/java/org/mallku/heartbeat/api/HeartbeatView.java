package org.mallku.heartbeat.api;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The heartbeat at a glance ({@code GET /heartbeat}).
 *
 * @param recentAverage mean of the newest pulses with failed ones counted as 0
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HeartbeatView(String mode, boolean pulsing, PulseView lastPulse, Double recentAverage, int recentFailed,
        long totalPulses, long alerts, long celebrations, long failed, List<VoiceView> voicesAvailable, LogView log) {

    /** A voice that could join a circle: provider and model only. */
    @RegisterForReflection
    public record VoiceView(String provider, String model) {
    }

    /** Whether pulses reach the disk. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LogView(boolean writable, String reason, int pending, long records, long recordsSkipped) {
    }
}
