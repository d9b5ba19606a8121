package org.mallku.heartbeat.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.mallku.heartbeat.config.HeartbeatConfig.Webhook;
import org.mallku.heartbeat.util.Durations;

import com.cronutils.model.time.ExecutionTime;

import io.quarkus.runtime.configuration.DurationConverter;

/**
 * The rules a single key's type cannot express. Each problem is one line naming the key and its value,
 * so that an operator reading a failed start knows exactly what to change.
 */
public final class ConfigValidator {

    public static final int MIN_VOICES = 2;
    public static final int MAX_VOICES = 10;

    /** A Pushgateway grouping label value that needs no encoding in the URL path. */
    private static final Pattern GROUPING_VALUE = Pattern.compile("[A-Za-z0-9_.-]+");

    private ConfigValidator() {
    }

    /** Every problem found, in key order; empty when the configuration is good. */
    public static List<String> problems(HeartbeatConfig config) {
        List<String> problems = new ArrayList<>();
        int min = config.voices().min();
        int max = config.voices().max();
        if (min < MIN_VOICES) {
            problems.add("heartbeat.voices.min=" + min + " must be at least " + MIN_VOICES);
        }
        if (min > max) {
            problems.add("heartbeat.voices.min=" + min + " is greater than heartbeat.voices.max=" + max);
        }
        if (max > MAX_VOICES) {
            problems.add("heartbeat.voices.max=" + max + " must be at most " + MAX_VOICES);
        }
        double alert = config.thresholds().alert();
        double celebration = config.thresholds().celebration();
        unitInterval("heartbeat.thresholds.alert", alert, problems);
        unitInterval("heartbeat.thresholds.celebration", celebration, problems);
        if (alert >= celebration) {
            problems.add("heartbeat.thresholds.alert=" + alert + " must be less than heartbeat.thresholds.celebration="
                    + celebration);
        }
        within("heartbeat.check-in-duration", Optional.of(config.checkInDuration()), "1h", problems);
        within("heartbeat.pulse-interval", config.pulseInterval(), "366d", problems);
        config.cron().ifPresent(cron -> cronProblem(cron).ifPresent(problems::add));
        if (config.quietHours().start().isPresent() != config.quietHours().end().isPresent()) {
            problems.add("heartbeat.quiet-hours." + (config.quietHours().start().isPresent() ? "end" : "start")
                    + " is missing: quiet hours need both heartbeat.quiet-hours.start and heartbeat.quiet-hours.end");
        } else if (config.quietHours().start().isPresent() && config.quietHours().start().equals(config.quietHours().end())) {
            problems.add("heartbeat.quiet-hours.start=" + config.quietHours().start().get()
                    + " equals heartbeat.quiet-hours.end: the window would be empty");
        }
        within("heartbeat.freshness.grace", Optional.of(config.freshness().grace()), "366d", problems);
        within("heartbeat.rhythm.min-gap", Optional.of(config.rhythm().minGap()), "1d", problems);
        if (config.singlePulse().dedupeWindow().isNegative()) {
            problems.add("heartbeat.single-pulse.dedupe-window=" + Durations.words(config.singlePulse().dedupeWindow())
                    + " must not be negative");
        }
        atMost("heartbeat.single-pulse.dedupe-window", config.singlePulse().dedupeWindow(), "7d", problems);
        within("heartbeat.log.retention", Optional.of(config.log().retention()), "36500d", problems);
        if (config.log().maxFiles() < 1) {
            problems.add("heartbeat.log.max-files=" + config.log().maxFiles() + " must be at least 1");
        }
        if (config.api().manualCooldown().isNegative()) {
            problems.add("heartbeat.api.manual-cooldown=" + Durations.words(config.api().manualCooldown())
                    + " must not be negative");
        }
        atMost("heartbeat.api.manual-cooldown", config.api().manualCooldown(), "7d", problems);
        // a URL that is not one is not shown: what is written where its host should be may be a password
        config.push().url().filter(url -> !isHttp(url)).ifPresent(url -> problems.add("heartbeat.push.url is not an absolute"
                + " http(s) URL such as http://pushgateway:9091 (not shown: it may hold credentials)"));
        pushCredentialProblems(config.push(), problems);
        config.alertmanager().url().filter(url -> !isHttp(url)).ifPresent(url -> problems.add("heartbeat.alertmanager.url"
                + " is not an absolute http(s) URL such as http://alertmanager:9093 (not shown: it may hold credentials)"));
        config.ping().url().filter(url -> !isHttp(url)).ifPresent(url -> problems.add("heartbeat.ping.url"
                + " is not an absolute http(s) URL such as https://hc-ping.com/<uuid> (not shown: it works as a password)"));
        config.webhooks().forEach((name, hook) -> {
            String key = "heartbeat.webhooks." + name;
            if (!isHttp(hook.url())) {
                problems.add(key + ".url is not an absolute http(s) URL (not shown: a webhook URL often holds its token)");
            }
            if (hook.secret().filter(String::isBlank).isPresent()) {
                problems.add(key + ".secret is empty: set a secret to sign with, or leave the key out");
            }
            if (hook.events().isEmpty()) {
                problems.add(key + ".events is empty: name at least one of " + Arrays.stream(Webhook.Event.values())
                        .map(Webhook.Event::label).collect(Collectors.joining(", ")));
            }
        });
        if (!GROUPING_VALUE.matcher(config.push().job()).matches()) {
            problems.add("heartbeat.push.job=" + config.push().job() + " must be letters, digits, '_', '-' or '.'");
        }
        config.push().instance().filter(instance -> !GROUPING_VALUE.matcher(instance).matches())
                .ifPresent(instance -> problems.add("heartbeat.push.instance=" + instance
                        + " must be letters, digits, '_', '-' or '.'"));
        providers(config.providers()).forEach((name, provider) -> problems.addAll(providerProblems(name, provider)));
        return problems;
    }

    /**
     * Credentials for the Pushgateway come one way, the URL's user part or the two keys, and both parts of a pair:
     * a half-given pair would only be answered 401 at every push. Never shows a password.
     */
    private static void pushCredentialProblems(HeartbeatConfig.Push push, List<String> problems) {
        boolean inUrl = push.url().map(URI::getRawUserInfo).isPresent();
        if (inUrl && (push.username().isPresent() || push.password().isPresent())) {
            problems.add("heartbeat.push.username and heartbeat.push.password are set, and heartbeat.push.url holds"
                    + " credentials too: give them one way");
            return;
        }
        if (push.username().isPresent() != push.password().isPresent()) {
            problems.add((push.username().isPresent() ? "heartbeat.push.password is missing" : "heartbeat.push.username is missing")
                    + ": basic auth needs both heartbeat.push.username and heartbeat.push.password");
        }
        push.username().filter(user -> user.contains(":") || hasControl(user)).ifPresent(user -> problems.add(
                "heartbeat.push.username must not contain ':', a line break or another control character"));
        push.password().filter(ConfigValidator::hasControl).ifPresent(password -> problems.add(
                "heartbeat.push.password contains a line break or another control character (not shown); remove it"));
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    /** Every provider settings group by its name in the keys ({@code heartbeat.providers.<name>.*}). */
    static Map<String, HeartbeatConfig.Provider> providers(HeartbeatConfig.ProviderGroups groups) {
        Map<String, HeartbeatConfig.Provider> all = new LinkedHashMap<>();
        all.put("anthropic", groups.anthropic());
        all.put("openai", groups.openai());
        all.put("google", groups.google());
        all.put("mistral", groups.mistral());
        all.put("grok", groups.grok());
        all.put("deepseek", groups.deepseek());
        all.put("moonshot", groups.moonshot());
        all.put("local", groups.local());
        return all;
    }

    /**
     * The values of one provider's keys that no request could use, whether or not it has a key yet: a provider
     * configured with them would otherwise be silently left out, or fail every round.
     */
    public static List<String> providerProblems(String name, HeartbeatConfig.Provider provider) {
        String prefix = "heartbeat.providers." + name + ".";
        List<String> problems = new ArrayList<>();
        provider.baseUrl().filter(url -> !isHttp(url)).ifPresent(url -> problems.add(prefix + "base-url is not an absolute"
                + " http(s) URL such as " + ("local".equals(name) ? "http://localhost:11434/v1" : "https://api.example.com/v1")
                + " (not shown: it may hold credentials)"));
        double temperature = provider.temperature();
        if (!(temperature >= 0.0 && temperature <= 2.0)) {
            problems.add(prefix + "temperature=" + temperature + " must be within [0, 2]");
        }
        if (provider.maxTokens() < 1) {
            problems.add(prefix + "max-tokens=" + provider.maxTokens() + " must be at least 1");
        }
        provider.apiKey().map(String::strip).filter(ConfigValidator::hasControl).ifPresent(key -> problems.add(prefix
                + "api-key contains a line break or another control character (not shown); remove it"));
        return problems;
    }

    /**
     * The Quarkus settings the heartbeat sets and relies on ({@code application.properties}), where a value
     * Quarkus accepts would break the heartbeat: {@code value} answers a key's value as written, if set.
     */
    public static List<String> quarkusProblems(Function<String, Optional<String>> value, boolean database) {
        List<String> problems = new ArrayList<>();
        // a pulse in flight at shutdown gets this long; zero or less left the process hanging at its stop
        positiveDuration("quarkus.shutdown.timeout", value, problems);
        if (database) {
            positiveDuration("quarkus.datasource.jdbc.acquisition-timeout", value, problems);
            value.apply("quarkus.datasource.jdbc.max-size").filter(size -> !wholeNumberAtLeast(size, 1)).ifPresent(size -> problems
                    .add("quarkus.datasource.jdbc.max-size=" + size.strip() + " must be a whole number, at least 1"));
            // 0 waits for ever: a database cut off mid-query would hang the pulse instead of failing the query
            for (String key : List.of("quarkus.datasource.jdbc.additional-jdbc-properties.connectTimeout",
                    "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout")) {
                value.apply(key).filter(seconds -> !wholeNumberAtLeast(seconds, 1)).ifPresent(seconds -> problems
                        .add(key + "=" + seconds.strip() + " must be a whole number of seconds, at least 1"));
            }
        }
        return problems;
    }

    private static void positiveDuration(String key, Function<String, Optional<String>> value, List<String> problems) {
        value.apply(key).ifPresent(written -> {
            Duration duration;
            try {
                duration = DurationConverter.parseDuration(written.strip());
            } catch (RuntimeException e) {
                duration = null;
            }
            if (duration == null) {
                problems.add(key + "=" + written.strip() + " is not valid: " + StartupFailure.DURATION);
            } else if (duration.isZero() || duration.isNegative()) {
                problems.add(key + "=" + written.strip() + " must be a positive duration such as 30s");
            }
        });
    }

    private static boolean wholeNumberAtLeast(String text, int min) {
        try {
            return Integer.parseInt(text.strip()) >= min;
        } catch (NumberFormatException e) {
            return false;
        }
    }


    /** A warning when a valid {@code heartbeat.cron} names no time at all after {@code now} (February 30th). */
    public static Optional<String> cronWarning(HeartbeatConfig config, ZonedDateTime now) {
        return config.cron().filter(cron -> cronProblem(cron).isEmpty())
                .filter(cron -> ExecutionTime.forCron(QuartzCron.parse(cron)).nextExecution(now).isEmpty())
                .map(cron -> "heartbeat.cron=" + cron + " never fires: no pulse will come from it");
    }

    /** Port numbers that can be bound; Quarkus would fail later, with a stack trace. */
    public static Optional<String> portProblem(String key, int port) {
        return port >= 0 && port <= 65535 ? Optional.empty()
                : Optional.of(key + "=" + port + " must be within 0 and 65535 (0: any free port)");
    }

    private static boolean isHttp(String url) {
        try {
            return isHttp(new URI(url.strip()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isHttp(URI url) {
        return url.getHost() != null && ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()));
    }

    /** Why {@code cron} is not a Quartz cron expression as the Quarkus Scheduler reads it, if it is not. */
    static Optional<String> cronProblem(String cron) {
        try {
            QuartzCron.parse(cron).validate();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("heartbeat.cron=" + cron + " is not a valid Quartz cron expression (seconds minutes hours"
                    + " day-of-month month day-of-week): " + e.getMessage());
        }
    }

    private static void unitInterval(String key, double value, List<String> problems) {
        if (!(value >= 0.0 && value <= 1.0)) {
            problems.add(key + "=" + value + " must be within [0, 1]");
        }
    }

    /**
     * A positive duration up to {@code max} (written as in the README): beyond any sensible value, time arithmetic
     * on it would overflow at run time instead of failing here.
     */
    private static void within(String key, Optional<Duration> value, String max, List<String> problems) {
        value.filter(d -> d.isZero() || d.isNegative())
                .ifPresent(d -> problems.add(key + "=" + Durations.words(d) + " must be a positive duration"));
        value.ifPresent(d -> atMost(key, d, max, problems));
    }

    private static void atMost(String key, Duration value, String max, List<String> problems) {
        if (value.compareTo(DurationConverter.parseDuration(max)) > 0) {
            problems.add(key + "=" + Durations.words(value) + " must be at most "
                    + Durations.words(DurationConverter.parseDuration(max)));
        }
    }
}
