package org.mallku.heartbeat.voice;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

/**
 * All voices available now, from every {@link VoiceSource} by its precedence, each in its own order (the provider
 * voices in the reference's order of its providers).
 */
@ApplicationScoped
public class VoiceCatalog {

    private final Instance<VoiceSource> sources;

    public VoiceCatalog(@Any Instance<VoiceSource> sources) {
        this.sources = sources;
    }

    public List<Voice> available() {
        return sources.stream()
                .sorted(Comparator.comparingInt(VoiceSource::precedence))
                .flatMap(source -> source.voices().stream())
                .toList();
    }

    /** Voices the configuration provides, whether or not a circuit leaves one out now. */
    public int configured() {
        return sources.stream().mapToInt(VoiceSource::configured).sum();
    }

    /** Why voices are left out now, for a pulse that has too few. */
    public List<String> leftOut() {
        return sources.stream().flatMap(source -> source.leftOut().stream()).toList();
    }
}
