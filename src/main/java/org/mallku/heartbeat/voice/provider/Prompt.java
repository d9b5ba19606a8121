package org.mallku.heartbeat.voice.provider;

import java.util.ArrayList;
import java.util.List;

import org.mallku.heartbeat.voice.Archetype;
import org.mallku.heartbeat.voice.Utterance;
import org.mallku.heartbeat.voice.VoiceRequest;

/**
 * What one voice is told in one round: its archetype's instruction as the system prompt, and a user message with
 * the earlier replies of the pulse (newest kept, bounded in size) followed by the round's question.
 *
 * @param system the system instruction
 * @param user   the user message
 */
public record Prompt(String system, String user) {

    /** Most characters of earlier replies carried into one request; the oldest are dropped first. */
    public static final int MAX_CONTEXT_CHARS = 6_000;

    public static Prompt of(Archetype archetype, VoiceRequest request) {
        return new Prompt(archetype.instruction(), user(request));
    }

    static String user(VoiceRequest request) {
        List<String> lines = new ArrayList<>();
        int budget = MAX_CONTEXT_CHARS;
        List<Utterance> context = request.context();
        for (int i = context.size() - 1; i >= 0; i--) {
            Utterance u = context.get(i);
            // each reply is already cut to Convener.CONTEXT_CHARS
            String line = "- " + u.speaker() + ": " + u.text().replaceAll("\\s+", " ").strip();
            if (line.length() > budget) {
                break;
            }
            budget -= line.length();
            lines.add(0, line);
        }
        StringBuilder user = new StringBuilder();
        if (!lines.isEmpty()) {
            user.append("Earlier in this check-in the circle said:\n");
            lines.forEach(line -> user.append(line).append('\n'));
            user.append('\n');
        }
        user.append("Round ").append(request.round() + 1).append(": ").append(request.prompt());
        return user.toString();
    }
}
