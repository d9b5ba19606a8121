package org.mallku.heartbeat.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.circle.Round;
import org.mallku.heartbeat.voice.Archetype;
import org.mallku.heartbeat.voice.OfflineVoice;
import org.mallku.heartbeat.voice.ReplyOutcome;
import org.mallku.heartbeat.voice.VoiceRequest;

import io.quarkus.test.junit.QuarkusTest;

/** A whole pulse through the wired engine, with the offline voices of the test profile. */
@QuarkusTest
class PulseEngineTest {

    @Inject
    PulseEngine engine;
    @Inject
    PulseMemory log;

    @Test
    void aManualPulseConvenesTheOfflineCircleAndIsKept() throws Exception {
        long before = log.history().counts().total();
        Pulse pulse = engine.trigger(PulseReason.MANUAL).orElseThrow().completion().get(30, TimeUnit.SECONDS);

        assertEquals(PulseReason.MANUAL, pulse.reason());
        assertEquals(3, pulse.voices().size(), "every ceremony asks for three or more; heartbeat.voices.max is 3");
        assertTrue(pulse.voices().stream().allMatch(v -> v.provider().equals("offline")), "labelled offline");
        assertEquals(pulse.voices().size(), pulse.voices().stream().map(VoiceSummary::model).distinct().count(),
                "distinct voices");
        assertEquals(pulse.ceremony().rounds().size(), pulse.rounds().size());
        for (Round round : pulse.rounds()) {
            assertEquals(pulse.voices().size(), round.replies().size());
            assertTrue(round.replies().stream().allMatch(r -> r.outcome() == ReplyOutcome.OK && r.text() != null));
        }
        assertTrue(pulse.score() >= 0.6 && pulse.score() <= 1.0, "heuristic range (a plain answer is 0.60): "
                + pulse.score());
        assertEquals(pulse.score() > 0.9 ? PulseOutcome.CELEBRATION : PulseOutcome.OK, pulse.outcome());
        assertEquals(pulse.voices().size(), pulse.voicesPresent());
        assertTrue(!pulse.completedAt().isBefore(pulse.startedAt()));

        assertEquals(before + 1, log.history().counts().total());
        assertEquals(pulse, log.history().last().orElseThrow());
    }

    @Test
    void eachReplyIsWhatItsOfflineVoiceSaysForThisPulse() throws Exception {
        Pulse pulse = engine.trigger(PulseReason.MANUAL).orElseThrow().completion().get(30, TimeUnit.SECONDS);
        Round first = pulse.rounds().get(0);
        for (var reply : first.replies()) {
            Archetype archetype = Arrays.stream(Archetype.values())
                    .filter(a -> new OfflineVoice(a).id().equals(reply.voice())).findFirst().orElseThrow();
            String asked = new OfflineVoice(archetype).ask(new VoiceRequest(pulse.id(), 0, first.prompt(), List.of(),
                    first.deadline())).toCompletableFuture().get(5, TimeUnit.SECONDS).text();
            assertEquals(asked, reply.text(), "the same pulse id hears the same words");
        }
    }

    @Test
    void aTriggerWhilePulsingIsRefusedNotQueued() throws Exception {
        PulseTicket first = engine.trigger(PulseReason.MANUAL).orElseThrow();
        // a refused trigger returns at once; the first pulse cannot have finished (its voices take >= 5 ms)
        assertFalse(engine.trigger(PulseReason.INTERVAL).isPresent(), "a second pulse while the first is in flight");
        first.completion().get(30, TimeUnit.SECONDS);
        assertEquals(first.id(), log.history().last().orElseThrow().id(), "the refused trigger left no record");
    }

    @Test
    void describesAPulseInOneLine() throws Exception {
        Pulse pulse = engine.trigger(PulseReason.MANUAL).orElseThrow().completion().get(30, TimeUnit.SECONDS);
        String line = PulseEngine.describe(pulse);
        assertTrue(line.startsWith("Pulse " + pulse.id().toString().substring(0, 8) + " (manual) "), line);
        assertTrue(line.contains(pulse.ceremony().title()) && line.contains("offline/"), line);
        assertEquals(1, line.lines().count());
    }
}
