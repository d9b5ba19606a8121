package org.mallku.heartbeat.api;

import java.util.List;

import org.mallku.heartbeat.pulse.PulseReport;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The heartbeat at a glance ({@code GET /heartbeat}).
 *
 * @param beating       whether the heartbeat is neither failing nor down ({@code /health/heartbeat} answers 200)
 * @param status        {@code new}, {@code up}, {@code late}, {@code failing} or {@code down}
 * @param statusReason  why, in one sentence
 * @param recentAverage mean of the newest pulses with failed ones counted as 0
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HeartbeatView(boolean beating, String status, String statusReason, String mode, boolean pulsing, PulseReport lastPulse, NextPulse nextPulse, RhythmState rhythm,
        Double recentAverage, int recentFailed,
        long totalPulses, long alerts, long celebrations, long failed, List<VoiceView> voicesAvailable, LogView log) {

    /** The next pulse the rhythm will run. */
    @RegisterForReflection
    public record NextPulse(String at, String reason) {
    }

    /** The rhythm's phase and the state of the circle that sets its cadence. */
    @RegisterForReflection
    public record RhythmState(String phase, String state) {
    }

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
