package org.mallku.heartbeat.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the heartbeat, under the {@code heartbeat.} prefix. Each key can also be given as an
 * environment variable the Quarkus way ({@code heartbeat.daily-pulse.time} is {@code HEARTBEAT_DAILY_PULSE_TIME}).
 * Cross-field rules (min &lt;= max, alert &lt; celebration, ...) live in {@link ConfigValidator}.
 */
@ConfigMapping(prefix = "heartbeat")
public interface HeartbeatConfig {

    /** The daily check-in pulse. */
    DailyPulse dailyPulse();

    /** IANA time zone in which every local time (daily pulse, ceremony hours) is read. */
    @WithDefault("UTC")
    @WithConverter(TimeZoneConverter.class)
    ZoneId timeZone();

    /** Extra pulses on a fixed grid every this long (for example {@code 6h}); none when absent. */
    Optional<Duration> pulseInterval();

    /** Extra pulses on this Quartz cron expression, read in {@link #timeZone()}; none when absent. */
    Optional<String> cron();

    /** Longest time a voice has to answer in one round; caps the seconds of a ceremony's rounds. */
    @WithDefault("30s")
    Duration checkInDuration();

    /** Which voices may join a circle and how many. */
    Voices voices();

    /** Score thresholds that raise an alert or trigger a celebration. */
    Thresholds thresholds();

    /** Folder where pulse records are kept. */
    @WithDefault("fire_circle_heartbeats")
    Path logPath();

    /** How the process runs: a long-lived service, one pulse then exit, or print the status and exit. */
    @WithDefault("service")
    Mode mode();

    /**
     * The AI providers behind the real voices, one named group each (so that every key maps cleanly from an
     * environment variable such as {@code HEARTBEAT_PROVIDERS_OPENAI_BASE_URL}). Per-provider defaults for the
     * base URL and model are listed in {@code docs/providers.md}.
     */
    ProviderGroups providers();

    /**
     * Flat JSON object of provider key variables ({@code {"ANTHROPIC_API_KEY": "..."}}), read once at start-up
     * after the configuration and the environment. A missing file is fine.
     */
    @WithDefault(".secrets/api_keys.json")
    Path secretsFile();

    interface DailyPulse {
        /** Whether the daily check-in pulse happens. */
        @WithDefault("true")
        boolean enabled();

        /** Local time of the daily check-in, in {@link HeartbeatConfig#timeZone()}. */
        @WithDefault("09:00")
        LocalTime time();
    }

    interface Voices {
        /** Fewest distinct voices a pulse needs; with fewer available the pulse fails as {@code insufficient_voices}. */
        @WithDefault("2")
        int min();

        /** Most voices in a circle, whatever a ceremony asks for. */
        @WithDefault("3")
        int max();

        /** The built-in offline voices. */
        Offline offline();

        interface Offline {
            /** Allow the offline voices (no network, deterministic replies). On in dev and test, off in prod. */
            @WithDefault("false")
            boolean enabled();
        }
    }

    interface Thresholds {
        /** A pulse scoring below this raises an alert. */
        @WithDefault("0.5")
        double alert();

        /** A pulse scoring above this triggers a celebration. */
        @WithDefault("0.9")
        double celebration();
    }

    /** One settings group per supported provider; the set of names is fixed. */
    interface ProviderGroups {
        /** Anthropic Messages API. */
        Provider anthropic();

        /** OpenAI chat completions. */
        Provider openai();

        /** Google Gemini generateContent. */
        Provider google();

        /** Mistral (OpenAI-compatible). */
        Provider mistral();

        /** xAI Grok (OpenAI-compatible). */
        Provider grok();

        /** DeepSeek (OpenAI-compatible). */
        Provider deepseek();

        /** Moonshot (OpenAI-compatible). */
        Provider moonshot();

        /** Any OpenAI-compatible server (Ollama, vLLM, LM Studio); its base URL stands in for a key. */
        Provider local();
    }

    /** Settings of one provider; each overrides the provider's built-in default. */
    interface Provider {
        /** Whether this provider may be used at all, even when it has a key. */
        @WithDefault("true")
        boolean enabled();

        /** The key; when absent it is looked up in the environment, then in {@link HeartbeatConfig#secretsFile()}. */
        Optional<String> apiKey();

        /** Base URL of the API; the provider's default when absent (for {@code local}: {@code LOCAL_API_ENDPOINT}). */
        Optional<String> baseUrl();

        /** Model to ask; the provider's default when absent. */
        Optional<String> model();

        /** Models to try in order when the model is not found (HTTP 404 / model not found). */
        Optional<List<String>> fallbackModels();

        /** Sampling temperature. */
        @WithDefault("0.8")
        double temperature();

        /** Most tokens a reply may have. */
        @WithDefault("512")
        int maxTokens();
    }

    /** How the process runs. */
    enum Mode {
        /** Long-lived service: scheduler, HTTP API, health and metrics. */
        SERVICE,
        /** One pulse, recorded, then exit (Kubernetes CronJob). */
        SINGLE_PULSE,
        /** Print the heartbeat status from the log folder, then exit. */
        STATUS;

        /** The name as written in configuration, for example {@code single-pulse}. */
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
