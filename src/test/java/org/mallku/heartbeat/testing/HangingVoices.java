package org.mallku.heartbeat.testing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mallku.heartbeat.voice.Archetype;
import org.mallku.heartbeat.voice.Voice;
import org.mallku.heartbeat.voice.VoiceAnswer;
import org.mallku.heartbeat.voice.VoiceId;
import org.mallku.heartbeat.voice.VoiceRequest;
import org.mallku.heartbeat.voice.VoiceSource;

/** A test voice that never answers, present when {@code test.voices.hanging=true}; it remembers its requests. */
@ApplicationScoped
public class HangingVoices implements VoiceSource, Voice {

    public static final VoiceId ID = new VoiceId("test", "hanging");

    @ConfigProperty(name = "test.voices.hanging", defaultValue = "false")
    boolean enabled;

    private final List<CompletableFuture<VoiceAnswer>> requests = new CopyOnWriteArrayList<>();

    /** What it was asked, each left unanswered (a method: a field read through the CDI client proxy is empty). */
    public List<CompletableFuture<VoiceAnswer>> requests() {
        return requests;
    }

    @Override
    public List<Voice> voices() {
        return enabled ? List.of(this) : List.of();
    }

    @Override
    public VoiceId id() {
        return ID;
    }

    @Override
    public Archetype archetype() {
        return Archetype.SYSTEMS_ARCHITECT;
    }

    @Override
    public CompletionStage<VoiceAnswer> ask(VoiceRequest request) {
        CompletableFuture<VoiceAnswer> never = new CompletableFuture<>();
        requests.add(never);
        return never;
    }
}
