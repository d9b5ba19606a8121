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

    /**
     * Gets ready to be asked, sending nothing: called once the circle is known, just before its first round, so
     * that what the first request needs (a provider's connection) is set up beside the building of the round.
     */
    default void prepare() {
    }
}
