package org.mallku.heartbeat.log;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.mallku.heartbeat.circle.Ceremony;
import org.mallku.heartbeat.circle.Reply;
import org.mallku.heartbeat.circle.Round;
import org.mallku.heartbeat.circle.RoundKind;
import org.mallku.heartbeat.circle.RoundPattern;
import org.mallku.heartbeat.pulse.FailureReason;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseOutcome;
import org.mallku.heartbeat.pulse.PulseReason;
import org.mallku.heartbeat.pulse.VoiceSummary;
import org.mallku.heartbeat.util.Labels;
import org.mallku.heartbeat.voice.ReplyOutcome;
import org.mallku.heartbeat.voice.TokenUsage;
import org.mallku.heartbeat.voice.VoiceId;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One pulse as a JSON file: snake_case, with the fields the reference's status tool reads ({@code timestamp},
 * {@code consciousness_score}, {@code voices_present}, {@code key_insight}) and the whole transcript.
 * {@code schema_version} lets later versions read older files; files of a newer version are skipped.
 * <p>
 * The reference's tool formats {@code consciousness_score} as a number and sums the newest five, so it is always
 * one: 0.0 for a pulse without a score (as the reference writes for a failed pulse), with {@code scored: false}
 * saying so. Version 1 records wrote {@code null} there instead, and read as before.
 */
@RegisterForReflection(targets = { PulseRecord.class, PulseRecord.VoiceEntry.class, PulseRecord.RoundEntry.class,
        PulseRecord.ReplyEntry.class })
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PulseRecord(int schemaVersion, String heartbeatId, String timestamp, String pulseType, String startedAt,
        String completedAt, double durationSeconds, String ceremony, String ceremonyTitle, Double consciousnessScore,
        Boolean scored, int voicesPresent,
        String keyInsight, List<String> keyInsights, boolean emergence, boolean consensus, boolean alertRaised,
        boolean celebrationTriggered, String outcome, String failureReason, List<VoiceEntry> voices,
        List<RoundEntry> rounds) {

    /** 2: {@code consciousness_score} always a number, with {@code scored}; {@code ceremony_title}. */
    public static final int SCHEMA_VERSION = 2;

    /** ISO 8601 with an explicit offset ({@code +00:00}), which every ISO parser reads. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record VoiceEntry(String provider, String model, String archetype, String outcome, Double latencySeconds,
            String error, Integer inputTokens, Integer outputTokens) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RoundEntry(String kind, String prompt, double deadlineSeconds, double wallTimeSeconds, Double score,
            List<String> patterns, boolean emergence, List<ReplyEntry> replies) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ReplyEntry(String provider, String model, String outcome, String text, Double score,
            double latencySeconds, String error, Integer inputTokens, Integer outputTokens) {
    }

    public static PulseRecord of(Pulse pulse) {
        return new PulseRecord(SCHEMA_VERSION, pulse.id().toString(), format(pulse.startedAt()), pulse.reason().label(),
                format(pulse.startedAt()), format(pulse.completedAt()), seconds(pulse.duration()),
                pulse.ceremony() == null ? null : pulse.ceremony().label(),
                pulse.ceremony() == null ? null : pulse.ceremony().title(),
                pulse.score() == null ? 0.0 : pulse.score(), pulse.score() != null, pulse.voicesPresent(),
                pulse.keyInsight(), pulse.keyInsights(), pulse.emergence(), pulse.consensus(), pulse.outcome().raisesAlert(),
                pulse.celebration(), pulse.outcome().label(),
                pulse.failureReason() == null ? null : pulse.failureReason().label(),
                pulse.voices().stream().map(PulseRecord::voice).toList(),
                pulse.rounds().stream().map(PulseRecord::round).toList());
    }

    /** The pulse this record describes; throws {@link IllegalArgumentException} when a field is missing or wrong. */
    public Pulse toPulse() {
        if (heartbeatId == null || startedAt == null || completedAt == null || pulseType == null || outcome == null) {
            throw new IllegalArgumentException("not a pulse record: heartbeat_id, started_at, completed_at,"
                    + " pulse_type and outcome are required");
        }
        try {
            return new Pulse(UUID.fromString(heartbeatId), PulseReason.fromLabel(pulseType), parse(startedAt),
                    parse(completedAt), ceremony == null ? null : Ceremony.fromLabel(ceremony),
                    orEmpty(voices).stream().map(PulseRecord::voice).toList(),
                    orEmpty(rounds).stream().map(PulseRecord::round).toList(),
                    Boolean.FALSE.equals(scored) ? null : consciousnessScore, emergence, consensus,
                    orEmpty(keyInsights), PulseOutcome.fromLabel(outcome), FailureReason.fromLabel(failureReason));
        } catch (RuntimeException e) {
            // the parsers' messages quote the bad value, and a file may hold anything, a key included
            throw new IllegalArgumentException("a field has a malformed value (an id, a time, a reason, a ceremony,"
                    + " an outcome or a voice)");
        }
    }

    static String format(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).format(TIMESTAMP);
    }

    static Instant parse(String timestamp) {
        return OffsetDateTime.parse(timestamp).toInstant();
    }

    private static VoiceEntry voice(VoiceSummary v) {
        return new VoiceEntry(v.provider(), v.model(), v.archetype(), v.outcome().label(),
                v.latency() == null ? null : seconds(v.latency()), v.error(), input(v.usage()), output(v.usage()));
    }

    private static VoiceSummary voice(VoiceEntry v) {
        return new VoiceSummary(v.provider(), v.model(), v.archetype(), replyOutcome(v.outcome()),
                v.latencySeconds() == null ? null : duration(v.latencySeconds()), v.error(),
                usage(v.inputTokens(), v.outputTokens()));
    }

    private static RoundEntry round(Round r) {
        return new RoundEntry(r.kind().label(), r.prompt(), seconds(r.deadline()), seconds(r.wallTime()), r.score(),
                r.patterns().stream().map(RoundPattern::label).toList(), r.emergence(),
                r.replies().stream().map(PulseRecord::reply).toList());
    }

    private static Round round(RoundEntry r) {
        return new Round(Labels.parse(RoundKind.class, r.kind()), r.prompt(),
                duration(r.deadlineSeconds()), duration(r.wallTimeSeconds()),
                orEmpty(r.replies()).stream().map(PulseRecord::reply).toList(), r.score(),
                orEmpty(r.patterns()).stream().map(RoundPattern::fromLabel).toList(), r.emergence());
    }

    private static ReplyEntry reply(Reply r) {
        return new ReplyEntry(r.voice().provider(), r.voice().model(), r.outcome().label(), r.text(), r.score(),
                seconds(r.latency()), r.error(), input(r.usage()), output(r.usage()));
    }

    private static Reply reply(ReplyEntry r) {
        return new Reply(new VoiceId(r.provider(), r.model()), replyOutcome(r.outcome()), r.text(), r.score(),
                duration(r.latencySeconds()), r.error(), usage(r.inputTokens(), r.outputTokens()));
    }

    private static ReplyOutcome replyOutcome(String label) {
        return Labels.parse(ReplyOutcome.class, label);
    }

    private static Integer input(TokenUsage usage) {
        return usage == null ? null : usage.input();
    }

    private static Integer output(TokenUsage usage) {
        return usage == null ? null : usage.output();
    }

    private static TokenUsage usage(Integer input, Integer output) {
        return input == null && output == null ? null
                : new TokenUsage(input == null ? 0 : input, output == null ? 0 : output);
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    static Duration duration(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
