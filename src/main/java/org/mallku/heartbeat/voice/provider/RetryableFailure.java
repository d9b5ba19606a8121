package org.mallku.heartbeat.voice.provider;

import org.mallku.heartbeat.voice.ReplyOutcome;
import org.mallku.heartbeat.voice.VoiceFailure;

/**
 * A failure worth another attempt (connect error, 429, 5xx) that still fits before the round's deadline, with
 * the delay to wait first. Should the retries run out, it reaches the circle as the plain {@link VoiceFailure} it is.
 */
final class RetryableFailure extends VoiceFailure {

    private final long delayMillis;

    RetryableFailure(ReplyOutcome outcome, String reason, long delayMillis) {
        super(outcome, reason);
        this.delayMillis = delayMillis;
    }

    long delayMillis() {
        return delayMillis;
    }
}
