package org.mallku.heartbeat.voice.keys;

import java.util.Objects;

/**
 * A provider key (for the {@code local} provider: its endpoint) and where it was found. Its {@link #toString()}
 * names only the source, so that a key printed by mistake still does not leak.
 */
public final class ApiKey {

    private final String value;
    private final String source;

    public ApiKey(String value, String source) {
        this.value = Objects.requireNonNull(value);
        this.source = Objects.requireNonNull(source);
    }

    /** The secret itself: for HTTP headers only, never for logs, records or messages. */
    public String value() {
        return value;
    }

    /** Where it was found, for example {@code env ANTHROPIC_API_KEY} or {@code secrets file GEMINI_API_KEY}. */
    public String source() {
        return source;
    }

    /** A value that is blank or a placeholder ({@code "..."} followed by anything) is no key. */
    public static boolean usable(String value) {
        return value != null && !value.isBlank() && !value.strip().startsWith("...");
    }

    @Override
    public String toString() {
        return "ApiKey[from " + source + "]";
    }
}
