package org.mallku.heartbeat.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.circle.Reply;
import org.mallku.heartbeat.circle.Round;
import org.mallku.heartbeat.testing.HangingVoiceProfile;
import org.mallku.heartbeat.testing.HangingVoices;
import org.mallku.heartbeat.voice.ReplyOutcome;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A voice that never answers is cut off at each round's deadline and the pulse still completes. */
@QuarkusTest
@TestProfile(HangingVoiceProfile.class)
class HangingVoicePulseTest {

    @Inject
    PulseEngine engine;
    @Inject
    HangingVoices hanging;
    @Inject
    PulseMemory log;

    @Test
    void theHangingVoiceIsCutOffInTimeAndThePulseCompletes() throws Exception {
        PulseTicket ticket = engine.trigger(PulseReason.MANUAL).orElseThrow();
        assertTrue(engine.trigger(PulseReason.INTERVAL).isEmpty(), "refused while the first pulse waits on its voice");
        Pulse pulse = ticket.completion().get(30, TimeUnit.SECONDS);

        int rounds = pulse.ceremony().rounds().size();
        assertEquals(rounds, pulse.rounds().size());
        for (Round round : pulse.rounds()) {
            Reply late = round.replies().stream().filter(r -> r.voice().equals(HangingVoices.ID)).findFirst().orElseThrow();
            assertEquals(ReplyOutcome.TIMEOUT, late.outcome());
            assertEquals(Duration.ofMillis(1500), round.deadline());
            assertTrue(round.wallTime().compareTo(Duration.ofMillis(1500)) >= 0, round.wallTime().toString());
            assertTrue(round.wallTime().compareTo(Duration.ofSeconds(5)) < 0, "cut off, not awaited: " + round.wallTime());
        }
        assertTrue(hanging.requests().size() >= rounds, "the hanging voice was asked in every round");
        assertTrue(hanging.requests().stream().allMatch(f -> f.isCancelled()), "every late request was cancelled");
        assertTrue(!pulse.failed(), "the other voices carried the pulse");
        assertTrue(pulse.score() >= 0.6 && pulse.score() <= 1.0, "scored from the others: " + pulse.score());
        VoiceSummary summary = pulse.voices().stream().filter(v -> v.model().equals("hanging")).findFirst().orElseThrow();
        assertEquals(ReplyOutcome.TIMEOUT, summary.outcome());
        assertEquals(pulse.voices().size() - 1, pulse.voicesPresent());
    }

    @Test
    void aPulseStillRunningAtShutdownIsRecordedAsInterrupted() throws Exception {
        PulseTicket ticket = engine.trigger(PulseReason.MANUAL).orElseThrow();
        engine.onShutdown(null); // waits quarkus.shutdown.timeout (1 s), then stops the pulse
        Pulse pulse = ticket.completion().get(10, TimeUnit.SECONDS);
        assertEquals(PulseOutcome.INTERRUPTED, pulse.outcome());
        assertEquals(FailureReason.INTERRUPTED, pulse.failureReason());
        assertEquals(pulse, log.history().last().orElseThrow(), "the interrupted pulse is kept");
    }
}
