package org.mallku.heartbeat.circle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;

import org.mallku.heartbeat.voice.ReplyOutcome;
import org.mallku.heartbeat.voice.Utterance;
import org.mallku.heartbeat.voice.Voice;
import org.mallku.heartbeat.voice.VoiceAnswer;
import org.mallku.heartbeat.voice.VoiceFailure;
import org.mallku.heartbeat.voice.VoiceRequest;

/**
 * Runs a ceremony's rounds with a circle: rounds in order, the voices of a round concurrently, each round cut
 * off at its deadline (per-voice seconds x 1.5). A voice still speaking then is cancelled, not awaited, so a
 * round lasts as long as its slowest voice or its deadline, whichever is first.
 */
public final class Convener {

    /** Earlier replies carried into a round as context: at most this many, newest kept. */
    static final int CONTEXT_REPLIES = 12;
    /** Each carried reply is cut to this many characters. */
    static final int CONTEXT_CHARS = 1_000;
    /** Error of a reply cut off because the pulse had to stop. */
    public static final String INTERRUPTED = "interrupted by shutdown";

    private final Scorer scorer;

    public Convener(Scorer scorer) {
        this.scorer = scorer;
    }

    /**
     * @param perVoiceCap the most any voice gets in a round ({@code heartbeat.check-in-duration})
     * @param stop        completes when the pulse must end now (shutdown); rounds not yet run are skipped and
     *                    voices still speaking are cancelled
     */
    public List<Round> convene(UUID pulseId, Ceremony ceremony, List<Voice> voices, Duration perVoiceCap,
            CompletableFuture<?> stop) {
        voices.forEach(Voice::prepare);
        List<Round> rounds = new ArrayList<>();
        List<Utterance> heard = new ArrayList<>();
        for (int i = 0; i < ceremony.rounds().size() && !stop.isDone(); i++) {
            RoundSpec spec = ceremony.rounds().get(i);
            Duration perVoice = Duration.ofSeconds(spec.seconds()).compareTo(perVoiceCap) < 0
                    ? Duration.ofSeconds(spec.seconds())
                    : perVoiceCap;
            Duration deadline = Duration.ofNanos((long) (perVoice.toNanos() * VoiceRequest.DEADLINE_FACTOR));
            List<Utterance> context = heard.subList(Math.max(0, heard.size() - CONTEXT_REPLIES), heard.size());
            Round round = round(new VoiceRequest(pulseId, i, spec.prompt(), context, deadline), spec.kind(), voices, stop);
            rounds.add(round);
            for (Reply reply : round.replies()) {
                if (reply.answered()) {
                    heard.add(new Utterance(reply.voice().toString(), clip(reply.text())));
                }
            }
        }
        return rounds;
    }

    private Round round(VoiceRequest request, RoundKind kind, List<Voice> voices, CompletableFuture<?> stop) {
        long start = System.nanoTime();
        AtomicLongArray ends = new AtomicLongArray(voices.size());
        List<CompletableFuture<VoiceAnswer>> calls = new ArrayList<>();
        List<CompletableFuture<VoiceAnswer>> asked = new ArrayList<>();
        for (int v = 0; v < voices.size(); v++) {
            CompletableFuture<VoiceAnswer> call = ask(voices.get(v), request);
            int index = v;
            calls.add(call);
            // the round waits for this stage, which completes only once the end time is set: a voice that answered
            // always has its end, never a 0 read before the callback ran (a negative latency)
            asked.add(call.whenComplete((a, e) -> ends.set(index, System.nanoTime())));
        }
        awaitAll(asked, request.deadline(), stop);

        List<Reply> replies = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        long last = start;
        for (int v = 0; v < voices.size(); v++) {
            CompletableFuture<VoiceAnswer> answer = asked.get(v);
            boolean cutOff = answer.cancel(true);
            if (cutOff) {
                calls.get(v).cancel(true); // stops the voice's own work
            }
            long end = cutOff ? System.nanoTime() : ends.get(v);
            last = Math.max(last, end);
            Reply reply = reply(voices.get(v), answer, cutOff, stop.isDone(), Duration.ofNanos(end - start));
            replies.add(reply);
            if (reply.score() != null) {
                scores.add(reply.score());
            }
        }
        RoundJudgement judgement = RoundJudgement.of(scores);
        return new Round(kind, request.prompt(), request.deadline(), Duration.ofNanos(last - start), replies,
                judgement.score(), judgement.patterns(), judgement.emergence());
    }

    private static CompletableFuture<VoiceAnswer> ask(Voice voice, VoiceRequest request) {
        try {
            return voice.ask(request).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Waits until every voice answered, the deadline passed or the pulse was stopped, whichever is first. */
    private static void awaitAll(List<CompletableFuture<VoiceAnswer>> asked, Duration deadline, CompletableFuture<?> stop) {
        CompletableFuture<Void> all = CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new));
        try {
            CompletableFuture.anyOf(all, stop).get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException | CancellationException e) {
            // the replies themselves say what happened to each voice
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Reply reply(Voice voice, CompletableFuture<VoiceAnswer> answer, boolean cutOff,
            boolean stopped, Duration latency) {
        if (cutOff) {
            return stopped
                    ? new Reply(voice.id(), ReplyOutcome.INTERRUPTED, null, null, latency, INTERRUPTED, null)
                    : new Reply(voice.id(), ReplyOutcome.TIMEOUT, null, null, latency,
                            "no reply within the round deadline", null);
        }
        try {
            VoiceAnswer a = answer.join();
            if (a == null || a.text() == null || a.text().isBlank()) {
                return new Reply(voice.id(), ReplyOutcome.ERROR, null, null, latency, "empty reply", a == null ? null : a.usage());
            }
            // the voice's own measure when it has one: a cold JVM's first request is slow before it is sent
            return new Reply(voice.id(), ReplyOutcome.OK, a.text(), scorer.score(a.text()),
                    a.latency() == null ? latency : a.latency(), null, a.usage());
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof VoiceFailure failure) {
                return new Reply(voice.id(), failure.outcome(), null, null, latency, failure.getMessage(), null);
            }
            return new Reply(voice.id(), ReplyOutcome.ERROR, null, null, latency,
                    "unexpected " + cause.getClass().getSimpleName(), null);
        }
    }

    private static String clip(String text) {
        return text.length() <= CONTEXT_CHARS ? text : text.substring(0, CONTEXT_CHARS) + "...";
    }
}
