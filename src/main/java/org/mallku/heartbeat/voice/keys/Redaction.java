package org.mallku.heartbeat.voice.keys;

import java.util.Collection;
import java.util.List;

/**
 * Removes every configured key from text a provider sent, before it is recorded, logged or passed on to the other
 * voices as context: a misbehaving or compromised endpoint may echo a key in an answer that is otherwise fine.
 */
public final class Redaction {

    static final String MARK = "[redacted]";
    /** Shorter values (a local server's "ollama", say) are no secret worth mangling ordinary words for. */
    static final int SHORTEST_SECRET = 8;

    private final List<String> secrets;

    public Redaction(Collection<String> secrets) {
        // longest first, so that a key that contains another is removed whole
        this.secrets = secrets.stream().map(String::strip).filter(s -> s.length() >= SHORTEST_SECRET).distinct()
                .sorted((a, b) -> b.length() - a.length()).toList();
    }

    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String clean = text;
        for (String secret : secrets) {
            clean = clean.replace(secret, MARK);
        }
        return clean;
    }
}
