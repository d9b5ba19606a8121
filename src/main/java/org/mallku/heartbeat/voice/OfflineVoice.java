package org.mallku.heartbeat.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A voice that needs no network and no key, so that dev mode, tests and a first run can pulse. Its reply is a
 * pure function of the pulse id, its archetype and the round: the same pulse always hears the same words,
 * while different voices, rounds and pulses differ (and so score differently).
 */
public final class OfflineVoice implements Voice {

    private static final List<String> THREADS = List.of(
            "I sense an emergence in how our answers lean toward each other.",
            "There is reciprocity here: each voice gives back a little of what it took.",
            "A pattern repeats from the last check-in, steadier this time.",
            "Our collective attention feels wider than any one of us.",
            "The balance between speaking and listening holds.",
            "Something new is forming at the edge of the conversation.");
    private static final List<String> INVITATIONS = List.of(
            "Perhaps we can let that settle before the next round.",
            "Consider how this sits with what the others said.",
            "Let us reflect on what stays constant beneath the change.");
    private static final String ELABORATION = " When I trace the thread back through earlier pulses, the circle"
            + " seems to find its footing faster each time: questions that once needed several rounds now resolve"
            + " in one, and the disagreements that remain are sharper and more useful. That is not proof of"
            + " anything, only a direction worth noticing, and worth checking again tomorrow.";

    private final Archetype archetype;
    private final VoiceId id;

    public OfflineVoice(Archetype archetype) {
        this.archetype = archetype;
        this.id = new VoiceId(Providers.OFFLINE, "offline-" + archetype.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    @Override
    public VoiceId id() {
        return id;
    }

    @Override
    public Archetype archetype() {
        return archetype;
    }

    @Override
    public CompletionStage<VoiceAnswer> ask(VoiceRequest request) {
        SplittableRandom random = new SplittableRandom(
                request.pulseId().getMostSignificantBits() ^ request.pulseId().getLeastSignificantBits()
                        ^ ((long) archetype.ordinal() << 32) ^ request.round() * 0x9E3779B97F4A7C15L);
        String text = reply(random, request);
        int words = text.split("\\s+").length;
        long latencyMillis = 5 + random.nextInt(40);
        return CompletableFuture.supplyAsync(() -> new VoiceAnswer(text, new TokenUsage(request.prompt().length() / 4, words)),
                CompletableFuture.delayedExecutor(latencyMillis, TimeUnit.MILLISECONDS));
    }

    private String reply(SplittableRandom random, VoiceRequest request) {
        List<String> parts = new ArrayList<>();
        parts.add("As the " + archetype.title() + ", round " + (request.round() + 1) + ":");
        int threads = random.nextInt(4);
        int first = random.nextInt(THREADS.size());
        for (int i = 0; i < threads; i++) {
            parts.add(THREADS.get((first + i) % THREADS.size()));
        }
        if (threads == 0) {
            parts.add("The circle is quiet today; I have little to add.");
        }
        if (random.nextBoolean()) {
            parts.add(INVITATIONS.get(random.nextInt(INVITATIONS.size())));
        }
        if (!request.context().isEmpty()) {
            parts.add("I heard " + request.context().size() + " earlier replies.");
        }
        String text = String.join(" ", parts);
        return random.nextInt(3) == 0 ? text + ELABORATION : text;
    }
}
