package org.mallku.heartbeat.voice.keys;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds each provider's key, first match wins: {@code heartbeat.providers.<name>.api-key} (for {@code local}:
 * {@code .base-url}); then the reference's variables ({@code ANTHROPIC_API_KEY}, ... and the aliases
 * {@code GEMINI_API_KEY}, {@code XAI_API_KEY}) read through MicroProfile Config, where the environment is a config
 * source; then the same names in the secrets file. Blank values and placeholders (starting with {@code "..."}) are
 * skipped at every step. No key is not an error: the provider is simply unavailable.
 */
public final class KeyDiscovery {

    /** A provider whose key is looked for. */
    public interface Wanted {
        /** Its name in configuration, for example {@code anthropic}. */
        String label();

        /** The variables that may hold its key, in order: the reference's name, then aliases. */
        List<String> keyVariables();

        /** Whether its endpoint, not a key, makes it available ({@code local}). */
        boolean endpointOnly();
    }

    /**
     * @param keys     the key found for each provider that has one
     * @param warnings problems with the secrets file, one line each, never containing a key
     */
    public record Result<P extends Wanted>(Map<P, ApiKey> keys, List<String> warnings) {
        public Result {
            keys = Map.copyOf(keys);
            warnings = List.copyOf(warnings);
        }

        public Optional<ApiKey> key(P provider) {
            return Optional.ofNullable(keys.get(provider));
        }
    }

    private KeyDiscovery() {
    }

    /**
     * @param wanted      the providers to find a key for
     * @param configured  the value configured under {@code heartbeat.providers.<name>} (api-key, or base-url for local)
     * @param variables   looks a variable name up in MicroProfile Config (environment included)
     * @param secretsFile the secrets file; a missing one is fine
     */
    public static <P extends Wanted> Result<P> discover(List<P> wanted, Function<P, Optional<String>> configured,
            Function<String, Optional<String>> variables, Path secretsFile) {
        SecretsFile.Contents file = SecretsFile.read(secretsFile);
        Map<P, ApiKey> keys = new LinkedHashMap<>();
        for (P provider : wanted) {
            find(provider, configured, variables, file).ifPresent(key -> keys.put(provider, key));
        }
        return new Result<>(keys, new ArrayList<>(file.warnings()));
    }

    private static <P extends Wanted> Optional<ApiKey> find(P provider, Function<P, Optional<String>> configured,
            Function<String, Optional<String>> variables, SecretsFile.Contents file) {
        Optional<String> own = configured.apply(provider).filter(ApiKey::usable);
        if (own.isPresent()) {
            String key = provider.endpointOnly() ? "base-url" : "api-key";
            return Optional.of(new ApiKey(own.get().strip(), "heartbeat.providers." + provider.label() + "." + key));
        }
        for (String name : provider.keyVariables()) {
            Optional<String> value = variables.apply(name).filter(ApiKey::usable);
            if (value.isPresent()) {
                return Optional.of(new ApiKey(value.get().strip(), name));
            }
        }
        for (String name : provider.keyVariables()) {
            String value = file.values().get(name);
            if (ApiKey.usable(value)) {
                return Optional.of(new ApiKey(value.strip(), "secrets file " + name));
            }
        }
        return Optional.empty();
    }
}
