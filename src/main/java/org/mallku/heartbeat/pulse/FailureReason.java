package org.mallku.heartbeat.pulse;

import org.mallku.heartbeat.util.Labels;

/** Why a pulse has no score, as records, logs and notifications write it ({@code insufficient_voices}). */
public enum FailureReason {
    /** Fewer distinct voices than {@code heartbeat.voices.min} were available. */
    INSUFFICIENT_VOICES,
    /** No voice answered in any round. */
    NO_REPLIES,
    /** The service stopped while the pulse was in flight. */
    INTERRUPTED,
    /** A fault of the heartbeat itself. */
    INTERNAL_ERROR;

    public String label() {
        return Labels.of(this);
    }

    /** {@code null} for {@code null}. */
    public static FailureReason fromLabel(String label) {
        return label == null ? null : Labels.parse(FailureReason.class, label);
    }
}
