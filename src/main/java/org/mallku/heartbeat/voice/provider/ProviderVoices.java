package org.mallku.heartbeat.voice.provider;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.mallku.heartbeat.config.ConfigValidator;
import org.mallku.heartbeat.config.HeartbeatConfig;
import org.mallku.heartbeat.config.InvalidConfigurationException;
import org.mallku.heartbeat.voice.Voice;
import org.mallku.heartbeat.voice.VoiceRequest;
import org.mallku.heartbeat.voice.VoiceSource;
import org.mallku.heartbeat.voice.keys.ApiKey;
import org.mallku.heartbeat.voice.keys.KeyDiscovery;
import org.mallku.heartbeat.voice.keys.Redaction;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * The real voices: one per provider that is enabled and has a key (for {@code local}: an endpoint). Keys are
 * found once at start-up ({@link KeyDiscovery}); no request is made before a voice's first round. A provider
 * whose circuit is open is left out until it may be probed again.
 */
@ApplicationScoped
public class ProviderVoices implements VoiceSource {

    private static final Logger LOG = Logger.getLogger(ProviderVoices.class);
    /** Longest a connection may take to open. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final Map<ProviderSpec, ProviderChannel> channels = new LinkedHashMap<>();

    public ProviderVoices(HeartbeatConfig config, Config mpConfig, Clock clock, ObjectMapper json, Vertx vertx) {
        KeyDiscovery.Result<ProviderSpec> keys = KeyDiscovery.discover(List.of(ProviderSpec.values()),
                provider -> credential(config, provider),
                name -> mpConfig.getOptionalValue(name, String.class),
                config.secretsFile());
        keys.warnings().forEach(LOG::warn);
        Duration longestRound = Duration.ofNanos((long) (config.checkInDuration().toNanos() * VoiceRequest.DEADLINE_FACTOR));
        Duration readTimeout = longestRound.plusSeconds(1);
        Duration connectTimeout = CONNECT_TIMEOUT.compareTo(readTimeout) < 0 ? CONNECT_TIMEOUT : readTimeout;
        List<ProviderSettings> available = new ArrayList<>();
        for (ProviderSpec spec : ProviderSpec.values()) {
            HeartbeatConfig.Provider own = spec.settings(config.providers());
            Optional<ApiKey> key = keys.key(spec);
            if (own.enabled() && key.isPresent()) {
                available.add(settings(spec, own, key.get()));
            }
        }
        // every key that is sent anywhere is removed from what any provider answers
        Redaction redaction = new Redaction(available.stream().map(ProviderSettings::key).filter(Objects::nonNull)
                .map(ApiKey::value).toList());
        for (ProviderSettings settings : available) {
            channels.put(settings.spec(), new ProviderChannel(settings, json, vertx, clock, connectTimeout, readTimeout,
                    redaction));
        }
    }

    /** What makes a provider available: its api-key, or for {@code local} its base-url. */
    private static Optional<String> credential(HeartbeatConfig config, ProviderSpec provider) {
        HeartbeatConfig.Provider own = provider.settings(config.providers());
        return provider.endpointOnly() ? own.baseUrl() : own.apiKey();
    }

    /**
     * Resolves a provider's settings, or refuses the start ({@link InvalidConfigurationException}, exit 2) with one
     * line naming what to change: a provider with a key and a value no request could use is not silently left out.
     * The values of its own keys were refused before this by {@code ConfigCheck} (the same rules, in
     * {@link ConfigValidator#providerProblems}); what is left is what came from elsewhere: {@code LOCAL_API_ENDPOINT}
     * and a key from the environment or the secrets file.
     */
    static ProviderSettings settings(ProviderSpec spec, HeartbeatConfig.Provider own, ApiKey key) {
        String prefix = "heartbeat.providers." + spec.label() + ".";
        List<String> problems = new ArrayList<>(ConfigValidator.providerProblems(spec.label(), own));
        String base = spec.endpointOnly() ? key.value() : own.baseUrl().orElse(spec.defaultBaseUrl());
        URI uri;
        try {
            uri = URI.create(base.strip().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            if (own.baseUrl().isEmpty()) { // else said above, by its key
                problems.add(key.source() + " is not an absolute http(s) URL such as http://localhost:11434/v1 (the endpoint"
                        + " of heartbeat.providers." + spec.label() + "; not shown: it may hold credentials)");
            }
        }
        ApiKey sent = spec.endpointOnly() ? own.apiKey().filter(ApiKey::usable).map(v -> new ApiKey(v.strip(), prefix + "api-key"))
                .orElse(null) : key;
        if (sent != null && sent.value().chars().anyMatch(Character::isISOControl)
                && !sent.source().equals(prefix + "api-key")) { // else said above, by its key
            // an HTTP header cannot carry it; every request would fail without saying why
            problems.add("The key of provider " + spec.label() + " (from " + sent.source() + ") contains a line break or"
                    + " another control character; remove it");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        Set<String> models = new LinkedHashSet<>();
        models.add(own.model().map(String::strip).filter(m -> !m.isEmpty()).orElse(spec.defaultModel()));
        own.fallbackModels().orElse(List.of()).stream().map(String::strip).filter(m -> !m.isEmpty()).forEach(models::add);
        return new ProviderSettings(spec, uri, new ArrayList<>(models), own.temperature(), own.maxTokens(), sent);
    }

    void onStart(@Observes StartupEvent event) {
        LOG.info(describe());
    }

    /** One line naming the available voices (provider and model) and where each key came from, never a key. */
    String describe() {
        if (channels.isEmpty()) {
            return "Provider voices: none available (no provider has a key; see docs/providers.md)";
        }
        return channels.values().stream()
                .map(ProviderVoices::describe)
                .collect(Collectors.joining(", ", "Provider voices available: ", ""));
    }

    private static String describe(ProviderChannel channel) {
        ProviderSettings settings = channel.settings();
        String voice = settings.spec().label() + "/" + channel.currentModel();
        if (settings.spec().endpointOnly()) {
            return voice + " (at " + settings.displayBase() + (settings.key() == null ? ", no key)" : ", key from " + settings.key().source() + ")");
        }
        return voice + " (key from " + settings.key().source() + ")";
    }

    @Override
    public List<Voice> voices() {
        return channels.values().stream()
                .filter(ProviderChannel::admits)
                .map(c -> (Voice) new ProviderVoice(c, c.currentModel()))
                .toList();
    }

    /** One voice per provider that has a key, its circuit open or not. */
    @Override
    public int configured() {
        return channels.size();
    }

    /** The providers that have a key (or, for local, an endpoint), in the reference's order. */
    public List<String> providers() {
        return channels.keySet().stream().map(ProviderSpec::label).toList();
    }

    /** Whether this provider's circuit is open now (false for a provider without a channel). */
    public boolean circuitOpen(String provider) {
        return channels.values().stream().anyMatch(c -> c.settings().spec().label().equals(provider) && c.circuitOpen());
    }

    @Override
    public List<String> leftOut() {
        return channels.values().stream()
                .filter(ProviderChannel::circuitOpen)
                .map(ProviderChannel::whyOpen)
                .toList();
    }
}
