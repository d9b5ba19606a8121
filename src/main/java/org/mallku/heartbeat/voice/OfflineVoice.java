package org.mallku.heartbeat.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.mallku.heartbeat.util.Labels;

/**
 * A voice that needs no network and no key, so that dev mode, tests and a first run can pulse. Its reply is a
 * pure function of the pulse id, its archetype, the round and how many earlier replies it heard: the same pulse
 * always hears the same words,
 * while different voices, rounds and pulses differ. The pulse id also sets the circle's mood, shared by all its
 * voices, so that the reference's heuristic gives a realistic spread: mostly ordinary pulses (about 0.65 to
 * 0.80), now and then a subdued one (plain answers, 0.60, below an alert threshold of 0.65) and a luminous one
 * (reflective, long answers, above 0.9: a celebration).
 */
public final class OfflineVoice implements Voice {

    /** How the whole circle sounds in one pulse. */
    enum Mood {
        SUBDUED, ORDINARY, LUMINOUS;

        /** About one pulse in ten is subdued and a little more than one in ten luminous. */
        static Mood of(UUID pulseId) {
            double draw = new SplittableRandom(pulseId.getMostSignificantBits() ^ pulseId.getLeastSignificantBits())
                    .nextDouble();
            return draw < 0.10 ? SUBDUED : draw >= 0.87 ? LUMINOUS : ORDINARY;
        }
    }

    // Worded with the heuristic's lists in mind: no stray "but", "yes" or "agree" inside longer words.
    private static final List<String> THREADS = List.of(
            "Something is emerging in how our answers lean toward each other.",
            "There is a mutual give and take here, each voice returning some of what it took.",
            "The same shape as the last check-in, steadier this time.",
            "Bringing together the threads, the circle feels wider than any one of us.",
            "The balance between speaking and listening holds.",
            "It occurs to me that the quiet parts matter as much as the loud ones.");
    private static final List<String> INVITATIONS = List.of(
            "Perhaps we can let that settle before the next round.",
            "Consider how this sits with what the others said.",
            "Let us reflect on what stays constant beneath the change.");
    private static final String LUMINOUS = "Reflecting on what the circle has said, an insight is emerging: we are"
            + " integrating each other's words, and the exchange feels mutual.";
    private static final String ELABORATION = " When I trace the thread back through earlier pulses, the circle"
            + " seems to find its footing faster each time: questions that once needed several rounds now resolve"
            + " in one, and the differences that remain are sharper and more useful. That is not proof of"
            + " anything, only a direction worth noticing, and worth checking again tomorrow.";

    /** The provider name of the offline voices, as records and metrics show it. */
    public static final String PROVIDER = "offline";

    private final Archetype archetype;
    private final VoiceId id;

    public OfflineVoice(Archetype archetype) {
        this.archetype = archetype;
        this.id = new VoiceId(PROVIDER, "offline-" + Labels.hyphenated(archetype));
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
        SplittableRandom random = random(request);
        String text = reply(random, request);
        int words = text.split("\\s+").length;
        long latencyMillis = 5 + random.nextInt(40);
        return CompletableFuture.supplyAsync(() -> new VoiceAnswer(text, new TokenUsage(request.prompt().length() / 4, words)),
                CompletableFuture.delayedExecutor(latencyMillis, TimeUnit.MILLISECONDS));
    }

    /** The words {@link #ask} answers with, without its latency. */
    String words(VoiceRequest request) {
        return reply(random(request), request);
    }

    private SplittableRandom random(VoiceRequest request) {
        return new SplittableRandom(request.pulseId().getMostSignificantBits() ^ request.pulseId().getLeastSignificantBits()
                ^ ((long) archetype.ordinal() << 32) ^ request.round() * 0x9E3779B97F4A7C15L);
    }

    private String reply(SplittableRandom random, VoiceRequest request) {
        List<String> parts = new ArrayList<>();
        parts.add("As the " + archetype.title() + ", round " + (request.round() + 1) + ":");
        Mood mood = Mood.of(request.pulseId());
        if (mood == Mood.SUBDUED) {
            parts.add("The circle is quiet today; I have little to add.");
            return String.join(" ", parts);
        }
        if (mood == Mood.LUMINOUS) {
            parts.add(LUMINOUS);
            parts.add(INVITATIONS.get(random.nextInt(INVITATIONS.size())));
            return String.join(" ", parts) + ELABORATION;
        }
        int threads = 1 + random.nextInt(3);
        int first = random.nextInt(THREADS.size());
        for (int i = 0; i < threads; i++) {
            parts.add(THREADS.get((first + i) % THREADS.size()));
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
