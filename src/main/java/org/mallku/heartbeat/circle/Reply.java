package org.mallku.heartbeat.circle;

import java.time.Duration;

import org.mallku.heartbeat.voice.ReplyOutcome;
import org.mallku.heartbeat.voice.TokenUsage;
import org.mallku.heartbeat.voice.VoiceId;

/**
 * One voice's part in one round.
 *
 * @param voice   who was asked
 * @param outcome how the request ended
 * @param text    the reply, {@code null} unless {@link ReplyOutcome#OK}
 * @param score   the reply's score, {@code null} unless {@link ReplyOutcome#OK}
 * @param latency time from the question to the answer or to the cut-off
 * @param error   why there is no reply, {@code null} when there is one
 * @param usage   tokens spent, {@code null} when unknown
 */
public record Reply(VoiceId voice, ReplyOutcome outcome, String text, Double score, Duration latency, String error,
        TokenUsage usage) {

    public boolean answered() {
        return outcome == ReplyOutcome.OK;
    }
}
