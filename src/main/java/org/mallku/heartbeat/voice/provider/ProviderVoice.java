package org.mallku.heartbeat.voice.provider;

import java.util.concurrent.CompletionStage;

import org.mallku.heartbeat.voice.Archetype;
import org.mallku.heartbeat.voice.Voice;
import org.mallku.heartbeat.voice.VoiceAnswer;
import org.mallku.heartbeat.voice.VoiceId;
import org.mallku.heartbeat.voice.VoiceRequest;

/**
 * A real model as a voice of the circle. Its id is fixed when the circle is chosen, so that a pulse's records stay
 * consistent; the channel behind it is shared by every pulse.
 */
public final class ProviderVoice implements Voice {

    private final ProviderChannel channel;
    private final VoiceId id;

    public ProviderVoice(ProviderChannel channel, String model) {
        this.channel = channel;
        this.id = new VoiceId(channel.settings().spec().label(), model);
    }

    @Override
    public VoiceId id() {
        return id;
    }

    @Override
    public Archetype archetype() {
        return channel.settings().spec().archetype();
    }

    @Override
    public CompletionStage<VoiceAnswer> ask(VoiceRequest request) {
        return channel.ask(archetype(), request, id.model());
    }

    @Override
    public void prepare() {
        channel.prepare();
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
