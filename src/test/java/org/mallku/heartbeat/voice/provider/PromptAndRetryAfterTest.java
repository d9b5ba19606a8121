package org.mallku.heartbeat.voice.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.voice.Archetype;
import org.mallku.heartbeat.voice.Utterance;
import org.mallku.heartbeat.voice.VoiceRequest;

/** What a voice is told (instruction, bounded context) and how Retry-After is read. */
class PromptAndRetryAfterTest {

    @Test
    void theSystemPromptIsTheArchetypesInstruction() {
        Prompt prompt = Prompt.of(Archetype.PATTERN_ANALYST, new VoiceRequest(UUID.randomUUID(), 0, "How are we?", List.of(),
                Duration.ofSeconds(30)));
        assertTrue(prompt.system().contains("pattern analyst"), prompt.system());
        assertEquals("Round 1: How are we?", prompt.user());
    }

    @Test
    void laterRoundsCarryEarlierRepliesBoundedNewestKept() {
        List<Utterance> heard = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            heard.add(new Utterance("voice/" + i, ("reply " + i + " ").repeat(300)));
        }
        Prompt prompt = Prompt.of(Archetype.WISDOM_KEEPER, new VoiceRequest(UUID.randomUUID(), 2, "Synthesis?", heard,
                Duration.ofSeconds(30)));
        String user = prompt.user();
        assertTrue(user.startsWith("Earlier in this check-in"), user);
        assertTrue(user.endsWith("Round 3: Synthesis?"));
        assertTrue(user.contains("voice/19: reply 19"), "the newest reply is kept");
        assertFalse(user.contains("voice/0:"), "the oldest are dropped");
        assertTrue(user.length() <= Prompt.MAX_CONTEXT_CHARS + 200, "bounded: " + user.length());
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-01-01T09:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(2)), RetryAfter.parse("2", now));
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse("Thu, 01 Jan 2026 09:00:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Thu, 01 Jan 2026 08:00:00 GMT", now));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", now));
        assertEquals(Optional.of(Duration.ofDays(1)), RetryAfter.parse("9223372036854775807", now), "no overflow later");
        assertEquals(Optional.of(Duration.ofDays(1)), RetryAfter.parse("Fri, 01 Jan 2100 00:00:00 GMT", now));
        assertEquals(Optional.empty(), RetryAfter.parse(null, now));
    }

    @Test
    void aRequestGetsItsDeadlineLessASmallMargin() {
        assertEquals(Duration.ofMillis(2900), ProviderChannel.budget(Duration.ofSeconds(3)));
        assertEquals(Duration.ofMillis(950), ProviderChannel.budget(Duration.ofSeconds(1)));
    }
}
