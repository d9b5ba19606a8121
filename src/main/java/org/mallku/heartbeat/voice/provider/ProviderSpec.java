package org.mallku.heartbeat.voice.provider;

import java.util.List;

import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.util.Labels;
import org.mallku.heartbeat.voice.Archetype;
import org.mallku.heartbeat.voice.keys.KeyDiscovery;

/**
 * The built-in facts about each provider: its wire format, default base URL and model, the environment
 * variables that may hold its key (first the reference's name, then aliases) and the archetype its voice plays.
 * Everything but the format and the variable names can be overridden under {@code heartbeat.providers.<name>}.
 */
public enum ProviderSpec implements KeyDiscovery.Wanted {
    ANTHROPIC(WireFormat.ANTHROPIC_MESSAGES, "https://api.anthropic.com", "claude-sonnet-4-5",
            List.of("ANTHROPIC_API_KEY"), Archetype.WISDOM_KEEPER),
    OPENAI(WireFormat.OPENAI_CHAT, "https://api.openai.com/v1", "gpt-4o",
            List.of("OPENAI_API_KEY"), Archetype.SYSTEMS_ARCHITECT),
    GOOGLE(WireFormat.GEMINI_GENERATE, "https://generativelanguage.googleapis.com", "gemini-2.5-flash",
            List.of("GOOGLE_API_KEY", "GEMINI_API_KEY"), Archetype.PATTERN_ANALYST),
    MISTRAL(WireFormat.OPENAI_CHAT, "https://api.mistral.ai/v1", "mistral-large-latest",
            List.of("MISTRAL_API_KEY"), Archetype.BRIDGE_BUILDER),
    GROK(WireFormat.OPENAI_CHAT, "https://api.x.ai/v1", "grok-4",
            List.of("GROK_API_KEY", "XAI_API_KEY"), Archetype.EMERGENCE_CATALYST),
    DEEPSEEK(WireFormat.OPENAI_CHAT, "https://api.deepseek.com", "deepseek-chat",
            List.of("DEEPSEEK_API_KEY"), Archetype.RECIPROCITY_GUARDIAN),
    MOONSHOT(WireFormat.OPENAI_CHAT, "https://api.moonshot.ai/v1", "moonshot-v1-8k",
            List.of("MOONSHOT_API_KEY"), Archetype.PATTERN_ANALYST),
    /** An OpenAI-compatible server; its endpoint ({@code LOCAL_API_ENDPOINT}) makes it available, a key is optional. */
    LOCAL(WireFormat.OPENAI_CHAT, null, "llama3.2",
            List.of("LOCAL_API_ENDPOINT"), Archetype.BRIDGE_BUILDER);

    private final WireFormat format;
    private final String defaultBaseUrl;
    private final String defaultModel;
    private final List<String> keyVariables;
    private final Archetype archetype;

    ProviderSpec(WireFormat format, String defaultBaseUrl, String defaultModel, List<String> keyVariables,
            Archetype archetype) {
        this.format = format;
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultModel = defaultModel;
        this.keyVariables = keyVariables;
        this.archetype = archetype;
    }

    /** The provider's name as in configuration and records, for example {@code anthropic}. */
    public String label() {
        return Labels.of(this);
    }

    public WireFormat format() {
        return format;
    }

    /** Default base URL; {@code null} for {@link #LOCAL}, whose endpoint comes from the operator. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    public String defaultModel() {
        return defaultModel;
    }

    /** Variables that may hold the key (for {@link #LOCAL}: the endpoint), preferred name first. */
    public List<String> keyVariables() {
        return keyVariables;
    }

    public Archetype archetype() {
        return archetype;
    }

    /** Whether the provider needs an endpoint rather than a key to be available. */
    public boolean endpointOnly() {
        return this == LOCAL;
    }

    /** This provider's settings group in the configuration. */
    public HeartbeatConfig.Provider settings(HeartbeatConfig.ProviderGroups groups) {
        return switch (this) {
            case ANTHROPIC -> groups.anthropic();
            case OPENAI -> groups.openai();
            case GOOGLE -> groups.google();
            case MISTRAL -> groups.mistral();
            case GROK -> groups.grok();
            case DEEPSEEK -> groups.deepseek();
            case MOONSHOT -> groups.moonshot();
            case LOCAL -> groups.local();
        };
    }
}
