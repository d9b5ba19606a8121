package org.mallku.heartbeat.voice.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.config.InvalidConfigurationException;
import org.mallku.heartbeat.voice.keys.ApiKey;
import org.mallku.heartbeat.voice.keys.KeyDiscovery;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Every provider key works when set only as an environment variable, the way Quarkus maps them, and the key
 * variables themselves are read through MicroProfile Config (where the environment is a config source).
 */
class ProviderConfigEnvTest {

    private static SmallRyeConfig configFromEnv(Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(env, 300))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(HeartbeatConfig.class)
                .build();
    }

    @Test
    void providerSettingsMapFromEnvironmentVariables() {
        SmallRyeConfig config = configFromEnv(Map.of(
                "HEARTBEAT_PROVIDERS_OPENAI_BASE_URL", "http://localhost:9999/v1",
                "HEARTBEAT_PROVIDERS_ANTHROPIC_MODEL", "claude-test",
                "HEARTBEAT_PROVIDERS_ANTHROPIC_FALLBACK_MODELS", "claude-old,claude-older",
                "HEARTBEAT_PROVIDERS_GOOGLE_TEMPERATURE", "0.3",
                "HEARTBEAT_PROVIDERS_MISTRAL_MAX_TOKENS", "99",
                "HEARTBEAT_PROVIDERS_GROK_ENABLED", "false",
                "HEARTBEAT_PROVIDERS_DEEPSEEK_API_KEY", "ds-key",
                "HEARTBEAT_PROVIDERS_LOCAL_BASE_URL", "http://localhost:11434/v1",
                "HEARTBEAT_PROVIDERS_MOONSHOT_MODEL", "kimi-test",
                "HEARTBEAT_SECRETS_FILE", "/run/secrets/keys.json"));
        HeartbeatConfig heartbeat = config.getConfigMapping(HeartbeatConfig.class);
        HeartbeatConfig.ProviderGroups providers = heartbeat.providers();

        assertEquals(Optional.of("http://localhost:9999/v1"), providers.openai().baseUrl());
        assertEquals(Optional.of("claude-test"), providers.anthropic().model());
        assertEquals(Optional.of(List.of("claude-old", "claude-older")), providers.anthropic().fallbackModels());
        assertEquals(0.3, providers.google().temperature());
        assertEquals(99, providers.mistral().maxTokens());
        assertFalse(providers.grok().enabled());
        assertEquals(Optional.of("ds-key"), providers.deepseek().apiKey());
        assertEquals(Optional.of("http://localhost:11434/v1"), providers.local().baseUrl());
        assertEquals(Optional.of("kimi-test"), providers.moonshot().model());
        assertEquals(Path.of("/run/secrets/keys.json"), heartbeat.secretsFile());

        // untouched providers keep their defaults
        assertTrue(providers.openai().enabled());
        assertEquals(0.8, providers.openai().temperature());
        assertEquals(512, providers.openai().maxTokens());
        assertEquals(Optional.empty(), providers.openai().model());
        assertEquals(Path.of(".secrets/api_keys.json"), configFromEnv(Map.of()).getConfigMapping(HeartbeatConfig.class).secretsFile());
    }

    @Test
    void resolvedSettingsUseEnvironmentOverridesAndDefaults() {
        SmallRyeConfig config = configFromEnv(Map.of(
                "HEARTBEAT_PROVIDERS_OPENAI_BASE_URL", "http://localhost:9999/v1/",
                "HEARTBEAT_PROVIDERS_ANTHROPIC_MODEL", "claude-test",
                "HEARTBEAT_PROVIDERS_ANTHROPIC_FALLBACK_MODELS", "claude-old",
                "ANTHROPIC_API_KEY", "env-anthropic",
                "OPENAI_API_KEY", "env-openai",
                "XAI_API_KEY", "env-xai"));
        HeartbeatConfig heartbeat = config.getConfigMapping(HeartbeatConfig.class);
        KeyDiscovery.Result<ProviderSpec> keys = KeyDiscovery.discover(List.of(ProviderSpec.values()), p -> p.endpointOnly()
                ? p.settings(heartbeat.providers()).baseUrl() : p.settings(heartbeat.providers()).apiKey(),
                name -> config.getOptionalValue(name, String.class), Path.of("target/no-such-secrets.json"));

        ApiKey anthropicKey = keys.key(ProviderSpec.ANTHROPIC).orElseThrow();
        assertEquals("env-anthropic", anthropicKey.value());
        assertEquals("env-xai", keys.key(ProviderSpec.GROK).orElseThrow().value(), "alias read from the environment");

        ProviderSettings anthropic = ProviderVoices.settings(ProviderSpec.ANTHROPIC, heartbeat.providers().anthropic(), anthropicKey);
        assertEquals(List.of("claude-test", "claude-old"), anthropic.models());
        assertEquals("https://api.anthropic.com", anthropic.baseUri().toString());

        ProviderSettings openai = ProviderVoices.settings(ProviderSpec.OPENAI, heartbeat.providers().openai(),
                keys.key(ProviderSpec.OPENAI).orElseThrow());
        assertEquals("http://localhost:9999/v1", openai.baseUri().toString(), "a trailing slash is dropped");
        assertEquals(List.of("gpt-4o"), openai.models());
        assertEquals(0.8, openai.temperature());
    }

    @Test
    void theLocalProviderTakesItsEndpointFromLocalApiEndpointAndNeedsNoKey() {
        SmallRyeConfig config = configFromEnv(Map.of("LOCAL_API_ENDPOINT", "http://localhost:11434/v1",
                "HEARTBEAT_PROVIDERS_LOCAL_MODEL", "qwen2.5"));
        HeartbeatConfig heartbeat = config.getConfigMapping(HeartbeatConfig.class);
        KeyDiscovery.Result<ProviderSpec> keys = KeyDiscovery.discover(List.of(ProviderSpec.values()), p -> p.endpointOnly()
                ? p.settings(heartbeat.providers()).baseUrl() : p.settings(heartbeat.providers()).apiKey(),
                name -> config.getOptionalValue(name, String.class), Path.of("target/no-such-secrets.json"));
        ProviderSettings local = ProviderVoices.settings(ProviderSpec.LOCAL, heartbeat.providers().local(),
                keys.key(ProviderSpec.LOCAL).orElseThrow());
        assertEquals("http://localhost:11434/v1", local.baseUri().toString());
        assertEquals(List.of("qwen2.5"), local.models());
        assertEquals(null, local.key(), "no key is sent to a local server unless configured");
        assertTrue(keys.key(ProviderSpec.OPENAI).isEmpty(), "no key: simply unavailable");
    }

    @Test
    void anInvalidBaseUrlRefusesTheStartNamingItsKey() {
        HeartbeatConfig heartbeat = configFromEnv(Map.of("HEARTBEAT_PROVIDERS_OPENAI_BASE_URL", "not a url"))
                .getConfigMapping(HeartbeatConfig.class);
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class, () -> ProviderVoices
                .settings(ProviderSpec.OPENAI, heartbeat.providers().openai(), new ApiKey("k", "OPENAI_API_KEY")));
        assertEquals("heartbeat.providers.openai.base-url is not an absolute http(s) URL such as https://api.example.com/v1"
                + " (not shown: it may hold credentials)", refused.getMessage());
    }

    @Test
    void aBadLocalApiEndpointRefusesTheStartNamingTheVariable() {
        HeartbeatConfig heartbeat = configFromEnv(Map.of()).getConfigMapping(HeartbeatConfig.class);
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class, () -> ProviderVoices
                .settings(ProviderSpec.LOCAL, heartbeat.providers().local(), new ApiKey("localhost:11434", "LOCAL_API_ENDPOINT")));
        assertEquals("LOCAL_API_ENDPOINT is not an absolute http(s) URL such as http://localhost:11434/v1 (the endpoint of"
                + " heartbeat.providers.local; not shown: it may hold credentials)", refused.getMessage());
    }

    @Test
    void aBadProviderValueRefusesTheStartInsteadOfLeavingTheProviderOut() {
        HeartbeatConfig heartbeat = configFromEnv(Map.of("HEARTBEAT_PROVIDERS_OPENAI_MAX_TOKENS", "-5"))
                .getConfigMapping(HeartbeatConfig.class);
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class, () -> ProviderVoices
                .settings(ProviderSpec.OPENAI, heartbeat.providers().openai(), new ApiKey("k", "OPENAI_API_KEY")));
        assertEquals("heartbeat.providers.openai.max-tokens=-5 must be at least 1", refused.getMessage());
    }

    @Test
    void aKeyWithALineBreakRefusesTheStartWithAReasonAndNeverTheKey() {
        HeartbeatConfig heartbeat = configFromEnv(Map.of()).getConfigMapping(HeartbeatConfig.class);
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class, () -> ProviderVoices
                .settings(ProviderSpec.OPENAI, heartbeat.providers().openai(),
                        new ApiKey("sk-proj-abc\r\n", "secrets file OPENAI_API_KEY")));
        assertTrue(refused.getMessage().contains("line break") && refused.getMessage().contains("secrets file OPENAI_API_KEY"),
                "says why, and where the key came from: " + refused.getMessage());
        assertFalse(refused.getMessage().contains("sk-proj-abc"), "never the key: " + refused.getMessage());
        assertEquals("sk-proj-abc", ProviderVoices.settings(ProviderSpec.OPENAI, heartbeat.providers().openai(),
                new ApiKey("sk-proj-abc", "secrets file OPENAI_API_KEY")).key().value());
    }
}
