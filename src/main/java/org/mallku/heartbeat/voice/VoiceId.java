package org.mallku.heartbeat.voice;

/** Who speaks: a provider and one of its models. Distinct ids are distinct voices. */
public record VoiceId(String provider, String model) {

    @Override
    public String toString() {
        return provider + "/" + model;
    }
}
