package org.mallku.heartbeat.util;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one way a URL is shown in a log line, a warning or a message: its origin, scheme, host and port, and nothing
 * else. A URL's user part ({@code user:secret@}), its path (a ping UUID, a chat webhook's token), its query
 * ({@code ?key=}) and its fragment can each be a password, so none of them is ever shown.
 */
public final class Urls {

    /** What is shown for a URL that names no host: its other parts could be a secret written in the wrong place. */
    static final String NO_HOST = "(no host)";

    private Urls() {
    }

    /** {@code scheme://host[:port]} of {@code url}; {@code scheme://(no host)} when it has no host Java can read. */
    public static String origin(URI url) {
        if (url == null) {
            return "(none)";
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT) + "://";
        if (url.getHost() == null) {
            return scheme + NO_HOST;
        }
        return scheme + url.getHost().toLowerCase(Locale.ROOT) + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    /** As {@link #origin(URI)}, for a URL kept as text; {@code (not a URL)} when it cannot be read as one. */
    public static String origin(String url) {
        if (url == null) {
            return "(none)";
        }
        try {
            return origin(new URI(url.strip()));
        } catch (URISyntaxException e) {
            return "(not a URL)";
        }
    }

    /** {@code url} without its user part, for a request: the JDK's client does not send it, and logs must not see it. */
    public static URI withoutUserInfo(URI url) {
        if (url.getRawUserInfo() == null) {
            return url;
        }
        // the first occurrence is the authority's: the scheme before it holds no '@'
        return URI.create(url.toString().replaceFirst(Pattern.quote(url.getRawUserInfo() + "@"), ""));
    }
}
