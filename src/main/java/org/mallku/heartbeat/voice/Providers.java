package org.mallku.heartbeat.voice;

import java.util.List;

/** Provider names and the reference's order of preference among them. */
public final class Providers {

    public static final String OFFLINE = "offline";

    /** The reference's discovery order; the offline voices come last so that real voices are always preferred. */
    public static final List<String> ORDER = List.of(
            "anthropic", "openai", "google", "mistral", "grok", "deepseek", "moonshot", "local", OFFLINE);

    private Providers() {
    }

    /** Position of {@code provider} in {@link #ORDER}; unknown providers sort after the known real ones. */
    public static int rank(String provider) {
        int i = ORDER.indexOf(provider);
        return i >= 0 ? i : ORDER.indexOf(OFFLINE) - 1;
    }
}
