package org.mallku.heartbeat.ui;

import io.quarkus.qute.TemplateExtension;

/**
 * A reply as a transcript page shows it, {@code {reply.text.excerpt}}: at most {@link #LIMIT} characters, so that
 * a page stays small whatever the voices said; {@code {reply.text.cut}} says whether the rest is left to the JSON
 * API.
 */
@TemplateExtension
final class Excerpt {

    /** Characters of a reply shown on its page: 32 Ki, pages of text, far more than a reply of 512 tokens. */
    static final int LIMIT = 32 * 1024;

    private Excerpt() {
    }

    static String excerpt(String text) {
        if (!cut(text)) {
            return text;
        }
        // never half of a character outside the Basic Multilingual Plane
        int end = Character.isHighSurrogate(text.charAt(LIMIT - 1)) ? LIMIT - 1 : LIMIT;
        return text.substring(0, end);
    }

    static boolean cut(String text) {
        return text != null && text.length() > LIMIT;
    }
}
