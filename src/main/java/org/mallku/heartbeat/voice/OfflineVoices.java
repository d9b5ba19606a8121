package org.mallku.heartbeat.voice;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.mallku.heartbeat.config.HeartbeatConfig;

/** The built-in offline voices: one per archetype, enabled by {@code heartbeat.voices.offline.enabled}. */
@ApplicationScoped
public class OfflineVoices implements VoiceSource {

    private final List<Voice> voices;

    public OfflineVoices(HeartbeatConfig config) {
        this.voices = config.voices().offline().enabled()
                ? Arrays.stream(Archetype.values()).map(a -> (Voice) new OfflineVoice(a)).toList()
                : List.of();
    }

    @Override
    public List<Voice> voices() {
        return voices;
    }

    /** Last: a real voice is always preferred. */
    @Override
    public int precedence() {
        return 1;
    }
}
