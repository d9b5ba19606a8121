package org.mallku.heartbeat.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.voice.Archetype;
import org.mallku.heartbeat.voice.Voice;
import org.mallku.heartbeat.voice.VoiceAnswer;
import org.mallku.heartbeat.voice.VoiceId;
import org.mallku.heartbeat.voice.VoiceRequest;

class VoiceSelectorTest {

    record Named(VoiceId id) implements Voice {
        Named(String provider) {
            this(new VoiceId(provider, provider + "-model"));
        }

        @Override
        public Archetype archetype() {
            return Archetype.WISDOM_KEEPER;
        }

        @Override
        public CompletionStage<VoiceAnswer> ask(VoiceRequest request) {
            return CompletableFuture.completedFuture(new VoiceAnswer("hello", null));
        }
    }

    static List<String> providers(Circle circle) {
        return circle.voices().stream().map(v -> v.id().provider()).toList();
    }

    static final List<Voice> ALL = List.of(new Named("anthropic"), new Named("openai"), new Named("google"),
            new Named("mistral"), new Named("grok"), new Named("deepseek"));

    @Test
    void preferredProvidersComeFirstInTheirOrder() {
        Circle circle = VoiceSelector.choose(Ceremony.EMERGENCE_DETECTION, ALL, 2, 4);
        assertEquals(List.of("anthropic", "deepseek", "mistral", "grok"), providers(circle));
    }

    @Test
    void otherProvidersFillTheCircleInCatalogOrder() {
        List<Voice> some = List.of(new Named("openai"), new Named("mistral"), new Named("grok"));
        Circle circle = VoiceSelector.choose(Ceremony.MORNING_AWAKENING, some, 2, 3);
        assertEquals(List.of("openai", "mistral", "grok"), providers(circle));
    }

    @Test
    void theConfiguredMaximumBoundsTheCeremony() {
        Circle circle = VoiceSelector.choose(Ceremony.CRISIS_RESPONSE, ALL, 2, 3);
        assertEquals(3, circle.voices().size(), "crisis asks for six");
        assertEquals(List.of("anthropic", "openai", "google"), providers(circle));
    }

    @Test
    void theConfiguredMinimumRaisesASmallCeremony() {
        Circle circle = VoiceSelector.choose(Ceremony.QUICK_PULSE, ALL, 4, 6);
        assertEquals(4, circle.voices().size(), "a quick pulse asks for three");
    }

    @Test
    void tooFewDistinctVoicesIsInsufficientNeverADuplicate() {
        Voice only = new Named("openai");
        Circle circle = VoiceSelector.choose(Ceremony.QUICK_PULSE, List.of(only, only), 2, 3);
        assertEquals(1, circle.voices().size());
        assertFalse(circle.sufficient());
        assertTrue(VoiceSelector.choose(Ceremony.QUICK_PULSE, ALL, 2, 3).sufficient());
    }

    @Test
    void noVoicesIsAnEmptyCircle() {
        Circle circle = VoiceSelector.choose(Ceremony.CELEBRATION, List.of(), 2, 3);
        assertTrue(circle.voices().isEmpty());
        assertFalse(circle.sufficient());
    }
}
