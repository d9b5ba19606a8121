package org.mallku.heartbeat.pulse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.mallku.heartbeat.circle.Ceremony;
import org.mallku.heartbeat.circle.Reply;
import org.mallku.heartbeat.circle.Round;
import org.mallku.heartbeat.circle.RoundPattern;
import org.mallku.heartbeat.voice.ReplyOutcome;
import org.mallku.heartbeat.voice.TokenUsage;
import org.mallku.heartbeat.voice.Voice;

/** Turns the rounds of a pulse into its record: score, emergence, consensus, insights and outcome. */
final class PulseJudge {

    /** A round scoring above this earns a key insight of its own. */
    static final double NOTABLE_ROUND = 0.8;

    private final double alertBelow;
    private final double celebrationAbove;

    PulseJudge(double alertBelow, double celebrationAbove) {
        this.alertBelow = alertBelow;
        this.celebrationAbove = celebrationAbove;
    }

    Pulse judge(UUID id, PulseReason reason, Instant started, Instant completed, Ceremony ceremony, List<Voice> circle,
            List<Round> rounds, boolean interrupted) {
        List<VoiceSummary> voices = circle.stream().map(v -> summary(v, rounds)).toList();
        List<Double> roundScores = rounds.stream().map(Round::score).filter(s -> s != null).toList();
        List<String> insights = insights(rounds);
        boolean emergence = rounds.stream().anyMatch(Round::emergence);
        boolean consensus = rounds.stream().filter(r -> r.score() != null).reduce((a, b) -> b)
                .map(r -> r.patterns().contains(RoundPattern.CONSCIOUSNESS_CONVERGENCE)).orElse(false);
        if (interrupted) {
            insights.add(0, "Interrupted by shutdown after " + roundScores.size() + " of " + ceremony.rounds().size()
                    + " rounds");
            return new Pulse(id, reason, started, completed, ceremony, voices, rounds, null, emergence, consensus,
                    insights, PulseOutcome.INTERRUPTED, FailureReason.INTERRUPTED);
        }
        if (roundScores.isEmpty()) {
            insights.add(0, "No voice answered in any round");
            return new Pulse(id, reason, started, completed, ceremony, voices, rounds, null, emergence, consensus,
                    insights, PulseOutcome.FAILED, FailureReason.NO_REPLIES);
        }
        double score = roundScores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        PulseOutcome outcome = score < alertBelow ? PulseOutcome.ALERT
                : score > celebrationAbove ? PulseOutcome.CELEBRATION : PulseOutcome.OK;
        return new Pulse(id, reason, started, completed, ceremony, voices, rounds, score, emergence, consensus, insights,
                outcome, null);
    }

    /** A pulse that could not convene at all, with the reason code and an explanation for the operator. */
    static Pulse failed(UUID id, PulseReason reason, Instant started, Instant completed, Ceremony ceremony,
            FailureReason failureReason, String explanation) {
        return new Pulse(id, reason, started, completed, ceremony, List.of(), List.of(), null, false, false,
                List.of(explanation), PulseOutcome.FAILED, failureReason);
    }

    private static List<String> insights(List<Round> rounds) {
        List<String> insights = new ArrayList<>();
        for (int i = 0; i < rounds.size(); i++) {
            Round round = rounds.get(i);
            String name = "Round " + (i + 1) + " (" + round.kind().label() + ")";
            for (RoundPattern pattern : round.patterns()) {
                insights.add(name + ": " + pattern.label().replace('_', ' ') + String.format(Locale.ROOT, " (mean %.2f)", round.score()));
            }
            if (round.score() != null && round.score() > NOTABLE_ROUND) {
                insights.add(name + String.format(Locale.ROOT, " scored %.2f", round.score()));
            }
        }
        return insights;
    }

    private static VoiceSummary summary(Voice voice, List<Round> rounds) {
        List<Reply> replies = rounds.stream()
                .flatMap(r -> r.replies().stream())
                .filter(r -> r.voice().equals(voice.id()))
                .toList();
        Reply firstFailure = replies.stream().filter(r -> !r.answered()).findFirst().orElse(null);
        List<Duration> latencies = replies.stream().filter(Reply::answered).map(Reply::latency).toList();
        Duration latency = latencies.isEmpty() ? null
                : latencies.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(latencies.size());
        TokenUsage usage = replies.stream().map(Reply::usage).filter(u -> u != null).reduce(TokenUsage::plus).orElse(null);
        return new VoiceSummary(voice.id().provider(), voice.id().model(), voice.archetype().title(),
                firstFailure == null ? ReplyOutcome.OK : firstFailure.outcome(), latency,
                firstFailure == null ? null : firstFailure.error(), usage);
    }
}
