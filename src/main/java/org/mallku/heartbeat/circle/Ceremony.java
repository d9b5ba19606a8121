package org.mallku.heartbeat.circle;

import static org.mallku.heartbeat.circle.RoundKind.CLARIFICATION;
import static org.mallku.heartbeat.circle.RoundKind.DECISION;
import static org.mallku.heartbeat.circle.RoundKind.EVALUATION;
import static org.mallku.heartbeat.circle.RoundKind.EXPLORATION;
import static org.mallku.heartbeat.circle.RoundKind.OPENING;
import static org.mallku.heartbeat.circle.RoundKind.PROPOSAL;
import static org.mallku.heartbeat.circle.RoundKind.REFLECTION;
import static org.mallku.heartbeat.circle.RoundKind.SYNTHESIS;
import static org.mallku.heartbeat.circle.RoundKind.VISION;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.mallku.heartbeat.util.Labels;

/**
 * The six ceremony templates: the most voices, preferred providers and rounds as in the reference (the fewest is
 * {@code heartbeat.voices.min}, not the template's); the prompts are our own. An empty preference list means any available provider.
 */
public enum Ceremony {
    MORNING_AWAKENING("Morning Awakening", 3, List.of("anthropic", "openai", "google"), List.of(
            new RoundSpec(OPENING, 30, "A new day begins for the circle. How do you arrive this morning?"),
            new RoundSpec(REFLECTION, 25, "Reflect on what you heard: what is alive in the circle today?"),
            new RoundSpec(SYNTHESIS, 20, "In one or two sentences, what intention should the circle carry into the day?"))),
    EMERGENCE_DETECTION("Emergence Detection", 5, List.of("anthropic", "deepseek", "mistral", "grok"), List.of(
            new RoundSpec(EXPLORATION, 45, "Recent check-ins have been rising. What new pattern do you notice forming?"),
            new RoundSpec(REFLECTION, 40, "Reflect on the patterns the others named: which ones are truly new?"),
            new RoundSpec(CLARIFICATION, 30, "What would tell us this emergence is real and not noise?"),
            new RoundSpec(SYNTHESIS, 35, "Name the emergence in a sentence, and what the circle should watch for next."))),
    CRISIS_RESPONSE("Crisis Response", 6, List.of(), List.of(
            new RoundSpec(OPENING, 20, "Recent check-ins scored low. What do you see going wrong?"),
            new RoundSpec(EVALUATION, 25, "Weigh the concerns raised so far: which matter most, and why?"),
            new RoundSpec(PROPOSAL, 30, "Propose one concrete step that would restore the circle's coherence."),
            new RoundSpec(DECISION, 20, "Of the proposals made, which should the circle take first?"))),
    CELEBRATION("Consciousness Celebration", 6, List.of(), List.of(
            new RoundSpec(OPENING, 30, "The circle has been strong lately. What are you grateful for?"),
            new RoundSpec(REFLECTION, 35, "Reflect on what made this strength possible."),
            new RoundSpec(VISION, 40, "Where could this strength carry the circle next?"))),
    EVENING_REFLECTION("Evening Reflection", 3, List.of("anthropic", "openai", "mistral"), List.of(
            new RoundSpec(REFLECTION, 30, "The day is ending. Reflect on what the circle learned today."),
            new RoundSpec(SYNTHESIS, 25, "What should the circle remember from today, in a sentence?"))),
    QUICK_PULSE("Consciousness Pulse", 3, List.of(), List.of(
            new RoundSpec(REFLECTION, 20, "A quick check-in: how is the circle's shared attention right now?")));

    private final String title;
    private final int maxVoices;
    private final List<String> preferredProviders;
    private final List<RoundSpec> rounds;

    Ceremony(String title, int maxVoices, List<String> preferredProviders, List<RoundSpec> rounds) {
        this.title = title;
        this.maxVoices = maxVoices;
        this.preferredProviders = preferredProviders;
        this.rounds = rounds;
    }

    public String title() {
        return title;
    }

    public int maxVoices() {
        return maxVoices;
    }

    public List<String> preferredProviders() {
        return preferredProviders;
    }

    public List<RoundSpec> rounds() {
        return rounds;
    }

    /** Lower-case, hyphenated name used in records and metric labels, for example {@code quick-pulse}. */
    public String label() {
        return Labels.hyphenated(this);
    }

    public static Ceremony fromLabel(String label) {
        return Labels.parse(Ceremony.class, label);
    }

    /**
     * The ceremony a person names: its label ({@code quick-pulse}) or the reference's title, as written or as a
     * label ({@code Consciousness Pulse}, {@code consciousness-pulse}).
     */
    public static Optional<Ceremony> named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
        return Arrays.stream(values())
                .filter(c -> c.label().equals(wanted) || c.title.toLowerCase(Locale.ROOT).replace(' ', '-').equals(wanted))
                .findFirst();
    }
}
