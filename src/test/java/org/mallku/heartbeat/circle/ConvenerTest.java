package org.mallku.heartbeat.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.voice.Archetype;
import org.mallku.heartbeat.voice.ReplyOutcome;
import org.mallku.heartbeat.voice.Voice;
import org.mallku.heartbeat.voice.VoiceAnswer;
import org.mallku.heartbeat.voice.VoiceFailure;
import org.mallku.heartbeat.voice.VoiceId;
import org.mallku.heartbeat.voice.VoiceRequest;

class ConvenerTest {

    /** A voice whose behaviour the test scripts; it remembers what it was asked and whether it was cancelled. */
    static final class Scripted implements Voice {
        final VoiceId id;
        final Function<VoiceRequest, CompletableFuture<VoiceAnswer>> behaviour;
        final List<VoiceRequest> asked = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<VoiceAnswer>> futures = new CopyOnWriteArrayList<>();
        volatile boolean prepared;
        volatile boolean preparedBeforeAsked;

        Scripted(String name, Function<VoiceRequest, CompletableFuture<VoiceAnswer>> behaviour) {
            this.id = new VoiceId("test", name);
            this.behaviour = behaviour;
        }

        @Override
        public VoiceId id() {
            return id;
        }

        @Override
        public Archetype archetype() {
            return Archetype.PATTERN_ANALYST;
        }

        @Override
        public void prepare() {
            prepared = true;
        }

        @Override
        public CompletionStage<VoiceAnswer> ask(VoiceRequest request) {
            if (asked.isEmpty()) {
                preparedBeforeAsked = prepared;
            }
            asked.add(request);
            CompletableFuture<VoiceAnswer> future = behaviour.apply(request);
            futures.add(future);
            return future;
        }
    }

    static Function<VoiceRequest, CompletableFuture<VoiceAnswer>> after(long millis, String text) {
        return request -> CompletableFuture.supplyAsync(() -> new VoiceAnswer(text, null),
                CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }

    final Convener convener = new Convener(new HeuristicScorer());

    /** An answer whose completion callbacks run late, as on a busy thread: the callback that times a voice too. */
    static final class LateCallbacks extends CompletableFuture<VoiceAnswer> {
        @Override
        public CompletableFuture<VoiceAnswer> whenComplete(BiConsumer<? super VoiceAnswer, ? super Throwable> action) {
            return whenCompleteAsync(action, delayedExecutor(300, TimeUnit.MILLISECONDS));
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new CompletableFuture<>();
        }
    }

    @Test
    void everyVoiceIsPreparedOnceTheCircleIsKnownBeforeItIsAsked() {
        Scripted a = new Scripted("a", after(10, "one"));
        Scripted b = new Scripted("b", after(10, "two"));

        convener.convene(UUID.randomUUID(), Ceremony.QUICK_PULSE, List.of(a, b), Duration.ofSeconds(2), new CompletableFuture<>());

        assertTrue(a.preparedBeforeAsked && b.preparedBeforeAsked);
    }

    @Test
    void aVoicesOwnMeasureOfItsRequestIsItsLatencyNotTheTimeSinceTheRoundBegan() {
        // a provider voice whose code before the send was slow (a cold JVM): 300 ms in all, 120 ms of it the request
        Scripted measured = new Scripted("measured", request -> CompletableFuture.supplyAsync(
                () -> new VoiceAnswer("I am here.", null, Duration.ofMillis(120)),
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)));
        Scripted plain = new Scripted("plain", after(300, "So am I."));

        Round round = convener.convene(UUID.randomUUID(), Ceremony.QUICK_PULSE, List.of(measured, plain),
                Duration.ofSeconds(2), new CompletableFuture<>()).get(0);

        assertEquals(Duration.ofMillis(120), round.replies().get(0).latency());
        assertTrue(round.replies().get(1).latency().compareTo(Duration.ofMillis(300)) >= 0,
                "without its own measure, the time since the round began: " + round.replies().get(1).latency());
        assertTrue(round.wallTime().compareTo(Duration.ofMillis(300)) >= 0, "the round's wall time is still the wall time");
    }

    @Test
    void aLatencyIsNeverNegativeHoweverLateTheCompletionCallbackRuns() {
        Scripted quick = new Scripted("quick", request -> {
            LateCallbacks answer = new LateCallbacks();
            answer.complete(new VoiceAnswer("A pattern.", null));
            return answer;
        });
        Scripted other = new Scripted("other", after(10, "Balance."));
        Round round = convener.convene(UUID.randomUUID(), Ceremony.QUICK_PULSE, List.of(quick, other),
                Duration.ofSeconds(30), new CompletableFuture<>()).get(0);
        assertEquals(2, round.replies().size());
        for (Reply reply : round.replies()) {
            assertEquals(ReplyOutcome.OK, reply.outcome());
            assertTrue(!reply.latency().isNegative(), reply.voice() + " latency " + reply.latency());
        }
        assertTrue(!round.wallTime().isNegative());
    }

    @Test
    void roundsRunInOrderAndLaterRoundsHearEarlierReplies() {
        Scripted a = new Scripted("a", after(10, "A pattern."));
        Scripted b = new Scripted("b", after(10, "Balance."));
        List<Round> rounds = convener.convene(UUID.randomUUID(), Ceremony.EVENING_REFLECTION, List.of(a, b),
                Duration.ofSeconds(30), new CompletableFuture<>());
        assertEquals(2, rounds.size());
        assertEquals(RoundKind.REFLECTION, rounds.get(0).kind());
        assertEquals(RoundKind.SYNTHESIS, rounds.get(1).kind());
        assertEquals(0, a.asked.get(0).context().size());
        assertEquals(2, a.asked.get(1).context().size());
        assertEquals("A pattern.", a.asked.get(1).context().get(0).text());
        assertEquals((0.60 + 0.65) / 2, rounds.get(0).score(), 1e-9, "a plain message and one naming balance");
    }

    @Test
    void theRoundDeadlineIsTheCappedSecondsTimesOneAndAHalf() {
        Scripted a = new Scripted("a", after(1, "ok"));
        Scripted b = new Scripted("b", after(1, "ok"));
        List<Round> rounds = convener.convene(UUID.randomUUID(), Ceremony.MORNING_AWAKENING, List.of(a, b),
                Duration.ofSeconds(25), new CompletableFuture<>());
        // opening 30 s capped at 25 s, reflection 25 s, synthesis 20 s
        assertEquals(List.of(Duration.ofMillis(37_500), Duration.ofMillis(37_500), Duration.ofSeconds(30)),
                rounds.stream().map(Round::deadline).toList());
        assertEquals(Duration.ofMillis(37_500), a.asked.get(0).deadline());
    }

    @Test
    void aLateVoiceIsCutOffAtTheDeadlineAndTheRoundLastsNoLonger() {
        Scripted fast = new Scripted("fast", after(20, "In balance."));
        Scripted hanging = new Scripted("hanging", request -> new CompletableFuture<>());
        Duration cap = Duration.ofMillis(200); // deadline 300 ms
        long start = System.nanoTime();
        List<Round> rounds = convener.convene(UUID.randomUUID(), Ceremony.QUICK_PULSE, List.of(fast, hanging), cap,
                new CompletableFuture<>());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        Round round = rounds.get(0);
        Reply late = round.replies().get(1);
        assertEquals(ReplyOutcome.TIMEOUT, late.outcome());
        assertNull(late.score());
        assertTrue(hanging.futures.get(0).isCancelled(), "the late voice's request is cancelled");
        assertTrue(elapsed.compareTo(Duration.ofSeconds(5)) < 0, "cut off, not awaited: " + elapsed);
        assertEquals(ReplyOutcome.OK, round.replies().get(0).outcome());
        assertEquals(0.65, round.score(), 1e-9, "the timed-out voice is left out of the mean");
    }

    @Test
    void aRoundLastsAsLongAsItsSlowestVoiceNotTheSum() {
        List<Voice> voices = List.of(new Scripted("a", after(150, "x")), new Scripted("b", after(150, "x")),
                new Scripted("c", after(150, "x")));
        Round round = convener.convene(UUID.randomUUID(), Ceremony.QUICK_PULSE, voices, Duration.ofSeconds(30),
                new CompletableFuture<>()).get(0);
        assertTrue(round.wallTime().compareTo(Duration.ofMillis(150)) >= 0, round.wallTime().toString());
        assertTrue(round.wallTime().compareTo(Duration.ofMillis(450)) < 0, "concurrent, not sequential: " + round.wallTime());
    }

    @Test
    void failuresAreRecordedWithTheirOutcomeAndLeftOutOfTheMean() {
        Scripted limited = new Scripted("limited",
                r -> CompletableFuture.failedFuture(new VoiceFailure(ReplyOutcome.RATE_LIMITED, "429 from provider")));
        Scripted broken = new Scripted("broken", r -> {
            throw new IllegalStateException("secret-ish detail");
        });
        Scripted empty = new Scripted("empty", after(1, "  "));
        Scripted good = new Scripted("good", after(1, "Pondering it, fine."));
        Round round = convener.convene(UUID.randomUUID(), Ceremony.QUICK_PULSE, List.of(limited, broken, empty, good),
                Duration.ofSeconds(30), new CompletableFuture<>()).get(0);
        assertEquals(List.of(ReplyOutcome.RATE_LIMITED, ReplyOutcome.ERROR, ReplyOutcome.ERROR, ReplyOutcome.OK),
                round.replies().stream().map(Reply::outcome).toList());
        assertEquals("429 from provider", round.replies().get(0).error());
        assertEquals("unexpected IllegalStateException", round.replies().get(1).error(), "no exception message leaks");
        assertEquals("empty reply", round.replies().get(2).error());
        assertEquals(0.85, round.score(), 1e-9, "the one answer, a reflection");
    }

    @Test
    void aStopCutsTheRoundShortAndSkipsTheRest() {
        CompletableFuture<Void> stop = new CompletableFuture<>();
        Scripted hanging = new Scripted("hanging", request -> {
            CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> stop.complete(null));
            return new CompletableFuture<>();
        });
        List<Round> rounds = convener.convene(UUID.randomUUID(), Ceremony.EVENING_REFLECTION, List.of(hanging),
                Duration.ofSeconds(30), stop);
        assertEquals(1, rounds.size(), "the second round never starts");
        assertEquals(Convener.INTERRUPTED, rounds.get(0).replies().get(0).error());
    }
}
