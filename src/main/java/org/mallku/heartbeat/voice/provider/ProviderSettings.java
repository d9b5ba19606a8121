package org.mallku.heartbeat.voice.provider;

import java.net.URI;
import java.util.List;

import org.mallku.heartbeat.util.Urls;
import org.mallku.heartbeat.voice.keys.ApiKey;

/**
 * Everything needed to talk to one provider, resolved from its defaults, the configuration and key discovery.
 *
 * @param spec        which provider
 * @param baseUri     base URL of its API
 * @param models      the model to ask first, then the fallback models, distinct
 * @param temperature sampling temperature
 * @param maxTokens   most tokens per reply
 * @param key         the key to send, {@code null} for a local server without one
 */
public record ProviderSettings(ProviderSpec spec, URI baseUri, List<String> models, double temperature, int maxTokens,
        ApiKey key) {

    public ProviderSettings {
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("at least one model");
        }
    }

    /** The base URL's origin ({@link Urls#origin(URI)}): all of it an operator may be shown. */
    public String displayBase() {
        return Urls.origin(baseUri);
    }

    /** What an operator should check when the key is refused. */
    public String keyHint() {
        if (key == null) {
            return "set heartbeat.providers." + spec.label() + ".api-key";
        }
        return spec.endpointOnly() ? "check heartbeat.providers.local.api-key" : "check " + key.source();
    }
}
