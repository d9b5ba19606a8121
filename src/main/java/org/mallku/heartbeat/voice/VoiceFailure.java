package org.mallku.heartbeat.voice;

/**
 * A voice could not answer, with the outcome to record and a reason an operator can act on. The reason must
 * never contain a key.
 */
public class VoiceFailure extends RuntimeException {

    private final ReplyOutcome outcome;

    public VoiceFailure(ReplyOutcome outcome, String reason) {
        super(reason, null, false, false);
        this.outcome = outcome;
    }

    public ReplyOutcome outcome() {
        return outcome;
    }
}
