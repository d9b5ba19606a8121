package org.mallku.heartbeat.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mallku.heartbeat.util.Labels;

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

    /** Optional window of local time in which scheduled pulses wait for its end. */
    QuietHours quietHours();

    /** The adaptive rhythm on top of the configured schedule. */
    Rhythm rhythm();

    /** The one-pulse mode of a Kubernetes CronJob. */
    SinglePulse singlePulse();

    /** Which voices may join a circle and how many. */
    Voices voices();

    /** Score thresholds that raise an alert or trigger a celebration. */
    Thresholds thresholds();

    /**
     * Where pulses are kept: {@code file} (the folder {@link #logPath()}, one replica) or {@code postgresql} (the
     * {@code quarkus.datasource.*} database, shared by several replicas).
     */
    @WithDefault("file")
    Store store();

    /** Folder where pulse records are kept. */
    @WithDefault("fire_circle_heartbeats")
    Path logPath();

    /** How long pulse records are kept. */
    Log log();

    /** When the heartbeat counts as late and down. */
    Freshness freshness();

    /** The HTTP API. */
    Api api();

    /** The status page at {@code /}. */
    Ui ui();

    /** Where a {@code single-pulse} run pushes its metrics before it exits (a Prometheus Pushgateway). */
    Push push();

    /** A dead man's switch pinged at the start and end of every pulse (healthchecks.io convention). */
    Ping ping();

    /** An Alertmanager that gets the heartbeat's alerts directly (API v2), without a Prometheus. */
    Alertmanager alertmanager();

    /** Webhooks by name ({@code heartbeat.webhooks.<name>.url}), each posted the events it asks for. */
    Map<String, Webhook> webhooks();

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

    interface Webhook {
        /**
         * Where events are posted. Kept as text and never logged or echoed in an error: a chat webhook's URL holds
         * its token.
         */
        String url();

        /** The events posted. */
        @WithDefault("alert,failed,down,recovered")
        List<Event> events();

        /** The body: the event as JSON, or a {@code {"text": ...}} message for Slack and compatible chats. */
        @WithDefault("json")
        Format format();

        /** With a secret, each request is signed: {@code X-Mallku-Signature: sha256=<hex HMAC-SHA256 of the body>}. */
        Optional<String> secret();

        enum Event {
            /** Every recorded pulse, whatever its outcome. */
            PULSE,
            /** A pulse that scored below {@code heartbeat.thresholds.alert}. */
            ALERT,
            /** A pulse that scored above {@code heartbeat.thresholds.celebration}. */
            CELEBRATION,
            /** A pulse that failed or was interrupted. */
            FAILED,
            /** Service mode: the expected pulse and its grace period passed without a pulse. */
            DOWN,
            /** The first pulse with a result after a failed one or after the heartbeat was down. */
            RECOVERED;

            public String label() {
                return Labels.of(this);
            }
        }

        enum Format {
            JSON,
            SLACK
        }
    }

    interface Alertmanager {
        /** Its base URL, for example {@code http://alertmanager:9093}; unset: no alerts posted. */
        Optional<URI> url();
    }

    interface Ping {
        /** The check's ping URL, for example {@code https://hc-ping.com/<uuid>}; unset: no pings. */
        Optional<URI> url();
    }

    interface Push {
        /**
         * The Pushgateway's base URL, for example {@code http://pushgateway:9091}; unset: no push. Basic-auth
         * credentials may be given in it ({@code http://user:secret@pushgateway:9091}) or as {@link #username()} and
         * {@link #password()}; either way they are sent as an {@code Authorization} header and never logged.
         */
        Optional<URI> url();

        /** The basic-auth user name the Pushgateway asks for (env {@code HEARTBEAT_PUSH_USERNAME}); with {@link #password()}. */
        Optional<String> username();

        /** The basic-auth password (env {@code HEARTBEAT_PUSH_PASSWORD}); never logged, never in a metric or record. */
        Optional<String> password();

        /** The grouping label {@code job}. */
        @WithDefault("mallku_heartbeat")
        String job();

        /** The grouping label {@code instance}; the host name when unset. Keep it stable across runs. */
        Optional<String> instance();
    }

    interface DailyPulse {
        /** Whether the daily check-in pulse happens. */
        @WithDefault("true")
        @WithConverter(StrictBooleanConverter.class)
        boolean enabled();

        /** Local time of the daily check-in, in {@link HeartbeatConfig#timeZone()}. */
        @WithDefault("09:00")
        LocalTime time();
    }

    interface QuietHours {
        /** Local time the quiet window starts; set with {@link #end()}. The window may cross midnight. */
        Optional<LocalTime> start();

        /** Local time the quiet window ends; a scheduled pulse due inside the window moves here. */
        Optional<LocalTime> end();
    }

    interface Rhythm {
        /** {@code establishing}, {@code responsive}, {@code adaptive}, or {@code auto} to evolve from the history. */
        @WithDefault("establishing")
        Phase phase();

        /** Adaptive pulses never come closer than this to the previous pulse. */
        @WithDefault("10m")
        Duration minGap();
    }

    /** How far the rhythm adapts to the state of the circle. */
    enum Phase {
        /** The configured schedule only. */
        ESTABLISHING,
        /** Crisis and emergence quicken the pulse. */
        RESPONSIVE,
        /** Every state sets the cadence, quickened by its multiplier. */
        ADAPTIVE,
        /** Establishing, then responsive after 7 days of history, adaptive after 14 more. */
        AUTO
    }

    interface SinglePulse {
        /** A single-pulse run within this time of a recorded pulse skips (a CronJob started twice). */
        @WithDefault("5m")
        Duration dedupeWindow();
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
            @WithConverter(StrictBooleanConverter.class)
            boolean enabled();
        }
    }

    interface Log {
        /** Records older than this are removed after a pulse (never the newest). */
        @WithDefault("90d")
        Duration retention();

        /** At most this many records are kept; the oldest go first (never the newest). */
        @WithDefault("100000")
        int maxFiles();
    }

    interface Freshness {
        /** A heartbeat this long past its expected pulse is down ({@code /health/heartbeat} answers 503). */
        @WithDefault("1h")
        Duration grace();

        /** Whether a heartbeat that is failing or down also makes the service not ready. */
        @WithDefault("false")
        @WithConverter(StrictBooleanConverter.class)
        boolean inReadiness();
    }

    interface Api {
        /**
         * Bearer token that allows {@code POST /heartbeat/pulses} (env {@code HEARTBEAT_API_TOKEN}); without it
         * the endpoint is closed.
         */
        Optional<String> token();

        /** Shortest time between two manual pulses. */
        @WithDefault("5m")
        Duration manualCooldown();
    }

    interface Ui {
        /** Whether the status page is served at {@code /} (the JSON API is there either way). */
        @WithDefault("true")
        @WithConverter(StrictBooleanConverter.class)
        boolean enabled();
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
        @WithConverter(StrictBooleanConverter.class)
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

    /** Where pulses are kept. */
    enum Store {
        FILE,
        POSTGRESQL
    }

    /** How the process runs. */
    enum Mode {
        /** Long-lived service: scheduler, HTTP API, health and metrics. */
        SERVICE,
        /** One pulse, recorded, then exit (Kubernetes CronJob). */
        SINGLE_PULSE,
        /** Print the heartbeat status from the store, then exit. */
        STATUS,
        /** Copy a log folder into the database store, then exit. */
        IMPORT;

        /** The name as written in configuration, for example {@code single-pulse}. */
        public String configName() {
            return Labels.hyphenated(this);
        }
    }
}
