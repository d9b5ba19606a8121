package org.mallku.heartbeat.circle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mallku.heartbeat.voice.Voice;
import org.mallku.heartbeat.voice.VoiceId;

/**
 * The reference's voice choice without its fault: the ceremony's preferred providers that are available, in
 * order, then the other available voices, until the circle is full. Never the same voice twice.
 */
public final class VoiceSelector {

    private VoiceSelector() {
    }

    /**
     * @param available voices available now, in the catalog's order
     * @param min       configured fewest voices ({@code heartbeat.voices.min})
     * @param max       configured most voices ({@code heartbeat.voices.max})
     */
    public static Circle choose(Ceremony ceremony, List<Voice> available, int min, int max) {
        int wanted = Math.max(min, Math.min(ceremony.maxVoices(), max));
        Map<VoiceId, Voice> chosen = new LinkedHashMap<>();
        for (String provider : ceremony.preferredProviders()) {
            available.stream().filter(v -> v.id().provider().equals(provider)).forEach(v -> add(chosen, v, wanted));
        }
        available.forEach(v -> add(chosen, v, wanted));
        return new Circle(List.copyOf(chosen.values()), min);
    }

    private static void add(Map<VoiceId, Voice> chosen, Voice voice, int wanted) {
        if (chosen.size() < wanted) {
            chosen.putIfAbsent(voice.id(), voice);
        }
    }
}
