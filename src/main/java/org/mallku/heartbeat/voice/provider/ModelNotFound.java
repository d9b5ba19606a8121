package org.mallku.heartbeat.voice.provider;

import org.mallku.heartbeat.voice.ReplyOutcome;
import org.mallku.heartbeat.voice.VoiceFailure;

/** The provider does not know the model asked for: the next fallback model, if any, is tried. */
final class ModelNotFound extends VoiceFailure {

    private final String model;
    private final int status;

    ModelNotFound(String model, int status) {
        super(ReplyOutcome.ERROR, status + " model not found: " + model);
        this.model = model;
        this.status = status;
    }

    String model() {
        return model;
    }

    int status() {
        return status;
    }
}
