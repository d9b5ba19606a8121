package org.mallku.heartbeat.voice;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * One question to one voice.
 *
 * @param pulseId  the pulse asking
 * @param round    0-based index of the round in the ceremony
 * @param prompt   the round's question
 * @param context  earlier replies of this pulse, oldest first
 * @param deadline how long the voice has; the caller cuts it off after that
 */
public record VoiceRequest(UUID pulseId, int round, String prompt, List<Utterance> context, Duration deadline) {

    /** A round gives each voice its seconds times this, as the reference does. */
    public static final double DEADLINE_FACTOR = 1.5;

    public VoiceRequest {
        context = List.copyOf(context);
    }
}
