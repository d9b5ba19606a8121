package org.mallku.heartbeat.voice;

import java.util.concurrent.CompletionStage;

/**
 * The port through which the circle hears a model. {@link #ask} must not block the caller: it answers
 * asynchronously, completes exceptionally with a {@link VoiceFailure} when the voice cannot answer, and
 * stops its work when the returned stage is cancelled (the caller cancels it at the round's deadline).
 */
public interface Voice {

    VoiceId id();

    Archetype archetype();

    CompletionStage<VoiceAnswer> ask(VoiceRequest request);
}
