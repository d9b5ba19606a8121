package org.mallku.heartbeat.voice.keys;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.mallku.heartbeat.voice.provider.ProviderSpec;

/**
 * Finds each provider's key, first match wins: {@code heartbeat.providers.<name>.api-key} (for {@code local}:
 * {@code .base-url}); then the reference's variables ({@code ANTHROPIC_API_KEY}, ... and the aliases
 * {@code GEMINI_API_KEY}, {@code XAI_API_KEY}) read through MicroProfile Config, where the environment is a config
 * source; then the same names in the secrets file. Blank values and placeholders (starting with {@code "..."}) are
 * skipped at every step. No key is not an error: the provider is simply unavailable.
 */
public final class KeyDiscovery {

    /**
     * @param keys     the key found for each provider that has one
     * @param warnings problems with the secrets file, one line each, never containing a key
     */
    public record Result(Map<ProviderSpec, ApiKey> keys, List<String> warnings) {
        public Result {
            keys = keys.isEmpty() ? Map.of() : new EnumMap<>(keys);
            warnings = List.copyOf(warnings);
        }

        public Optional<ApiKey> key(ProviderSpec provider) {
            return Optional.ofNullable(keys.get(provider));
        }
    }

    private KeyDiscovery() {
    }

    /**
     * @param configured  the value configured under {@code heartbeat.providers.<name>} (api-key, or base-url for local)
     * @param variables   looks a variable name up in MicroProfile Config (environment included)
     * @param secretsFile the secrets file; a missing one is fine
     */
    public static Result discover(Function<ProviderSpec, Optional<String>> configured,
            Function<String, Optional<String>> variables, Path secretsFile) {
        SecretsFile.Contents file = SecretsFile.read(secretsFile);
        Map<ProviderSpec, ApiKey> keys = new EnumMap<>(ProviderSpec.class);
        for (ProviderSpec provider : ProviderSpec.values()) {
            find(provider, configured, variables, file).ifPresent(key -> keys.put(provider, key));
        }
        return new Result(keys, new ArrayList<>(file.warnings()));
    }

    private static Optional<ApiKey> find(ProviderSpec provider, Function<ProviderSpec, Optional<String>> configured,
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
