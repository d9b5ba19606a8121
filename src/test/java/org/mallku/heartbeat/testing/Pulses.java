package org.mallku.heartbeat.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.mallku.heartbeat.circle.Ceremony;
import org.mallku.heartbeat.circle.Reply;
import org.mallku.heartbeat.circle.Round;
import org.mallku.heartbeat.circle.RoundKind;
import org.mallku.heartbeat.circle.RoundSpec;
import org.mallku.heartbeat.config.ConfigValidator;
import org.mallku.heartbeat.pulse.FailureReason;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseOutcome;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.pulse.VoiceSummary;
import org.mallku.heartbeat.voice.ReplyOutcome;
import org.mallku.heartbeat.voice.TokenUsage;
import org.mallku.heartbeat.voice.VoiceId;
import org.mallku.heartbeat.voice.provider.ProviderChannel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Pulse records for tests of the log, the API and the read side. */
public final class Pulses {

    private Pulses() {
    }

    /** A scored two-voice quick pulse started at {@code at}; one voice timed out in the round. */
    public static Pulse scored(Instant at, double score, String text) {
        PulseOutcome outcome = score < 0.5 ? PulseOutcome.ALERT : score > 0.9 ? PulseOutcome.CELEBRATION : PulseOutcome.OK;
        VoiceId a = new VoiceId("offline", "offline-wisdom-keeper");
        VoiceId b = new VoiceId("anthropic", "claude-test");
        Round round = new Round(RoundKind.REFLECTION, "How is the circle?", Duration.ofSeconds(30),
                Duration.ofMillis(1234), List.of(
                        new Reply(a, ReplyOutcome.OK, text, score, Duration.ofMillis(1234), null, new TokenUsage(12, 34)),
                        new Reply(b, ReplyOutcome.TIMEOUT, null, null, Duration.ofSeconds(30),
                                "no reply within the round deadline", null)),
                score, List.of(), false);
        return new Pulse(UUID.randomUUID(), PulseReason.INTERVAL, at, at.plusMillis(1300), Ceremony.QUICK_PULSE,
                List.of(new VoiceSummary(a.provider(), a.model(), "wisdom keeper", ReplyOutcome.OK, Duration.ofMillis(1234),
                        null, new TokenUsage(12, 34)),
                        new VoiceSummary(b.provider(), b.model(), "pattern analyst", ReplyOutcome.TIMEOUT, null,
                                "no reply within the round deadline", null)),
                List.of(round), score, false, false, List.of("Round 1 (reflection) scored " + score),
                outcome, null);
    }

    public static Pulse scored(Instant at, double score) {
        return scored(at, score, "A pattern of reciprocity.");
    }

    /**
     * The largest transcript the service can record: a Crisis Response (4 rounds, the most of any ceremony) of the
     * largest circle ({@link ConfigValidator#MAX_VOICES}, with heartbeat.voices.min at that), every voice answering
     * every round with {@code unit} repeated as often as fits in {@code replyBytes} of JSON. A provider's reply is at
     * most {@link ProviderChannel#MAX_REPLY_BYTES} bytes of JSON: its text, written again as JSON, takes no more.
     */
    public static Pulse largest(Instant at, String unit, int replyBytes) {
        String text;
        try {
            int unitBytes = new ObjectMapper().writeValueAsBytes(unit).length - 2; // without the quotes
            text = unit.repeat(replyBytes / unitBytes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        List<VoiceId> voices = new ArrayList<>();
        for (int i = 0; i < ConfigValidator.MAX_VOICES; i++) {
            voices.add(new VoiceId("openai", "gpt-large-" + (i + 1)));
        }
        List<Round> rounds = new ArrayList<>();
        for (RoundSpec spec : Ceremony.CRISIS_RESPONSE.rounds()) {
            List<Reply> replies = voices.stream().map(v -> new Reply(v, ReplyOutcome.OK, text, 0.6, Duration.ofSeconds(9),
                    null, new TokenUsage(1000, 60000))).toList();
            rounds.add(new Round(spec.kind(), spec.prompt(), Duration.ofSeconds(30), Duration.ofSeconds(9), replies, 0.6,
                    List.of(), false));
        }
        return new Pulse(UUID.randomUUID(), PulseReason.MANUAL, at, at.plusSeconds(40), Ceremony.CRISIS_RESPONSE,
                voices.stream().map(v -> new VoiceSummary(v.provider(), v.model(), "wisdom keeper", ReplyOutcome.OK,
                        Duration.ofSeconds(9), null, new TokenUsage(4000, 240000))).toList(),
                rounds, 0.6, false, false, List.of(), PulseOutcome.OK, null);
    }

    /** A pulse that found too few voices. */
    public static Pulse failed(Instant at) {
        return new Pulse(UUID.randomUUID(), PulseReason.DAILY, at, at.plusMillis(3), Ceremony.MORNING_AWAKENING, List.of(),
                List.of(), null, false, false, List.of("Only 1 distinct voice(s) available; heartbeat.voices.min is 2"),
                PulseOutcome.FAILED, FailureReason.INSUFFICIENT_VOICES);
    }
}
