package org.mallku.heartbeat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mallku.heartbeat.testing.TestConfig;

import io.smallrye.config.ConfigMappings;

/** The mapping and its rules, read by SmallRye Config as Quarkus reads them, without starting Quarkus. */
class ConfigValidatorTest {

    static HeartbeatConfig config(Map<String, String> properties) {
        return TestConfig.of(properties);
    }

    static List<String> problems(Map<String, String> properties) {
        return ConfigValidator.problems(config(properties));
    }

    @Test
    void defaultsAreTheSeedsAndValid() {
        HeartbeatConfig config = config(Map.of());
        assertTrue(config.dailyPulse().enabled());
        assertEquals(LocalTime.of(9, 0), config.dailyPulse().time());
        assertEquals(ZoneId.of("UTC"), config.timeZone());
        assertTrue(config.pulseInterval().isEmpty());
        assertTrue(config.cron().isEmpty());
        assertEquals(Duration.ofSeconds(30), config.checkInDuration());
        assertEquals(2, config.voices().min());
        assertEquals(3, config.voices().max());
        assertEquals(0.5, config.thresholds().alert());
        assertEquals(0.9, config.thresholds().celebration());
        assertEquals(Path.of("fire_circle_heartbeats"), config.logPath());
        assertEquals(HeartbeatConfig.Mode.SERVICE, config.mode());
        assertEquals(false, config.voices().offline().enabled());
        assertEquals(List.of(), ConfigValidator.problems(config));
    }

    @Test
    void readsOperatorValues() {
        HeartbeatConfig config = config(Map.of("heartbeat.pulse-interval", "6h", "heartbeat.mode", "single-pulse",
                "heartbeat.time-zone", "Europe/Berlin", "heartbeat.cron", "0 0/15 * * * ?"));
        assertEquals(Duration.ofHours(6), config.pulseInterval().orElseThrow());
        assertEquals(HeartbeatConfig.Mode.SINGLE_PULSE, config.mode());
        assertEquals(ZoneId.of("Europe/Berlin"), config.timeZone());
        assertEquals(List.of(), ConfigValidator.problems(config));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "heartbeat.voices.min|1|heartbeat.voices.min=1 must be at least 2",
            "heartbeat.voices.min|5|heartbeat.voices.min=5 is greater than heartbeat.voices.max=3",
            "heartbeat.voices.max|11|heartbeat.voices.max=11 must be at most 10",
            "heartbeat.thresholds.alert|-0.1|heartbeat.thresholds.alert=-0.1 must be within [0, 1]",
            "heartbeat.thresholds.celebration|1.5|heartbeat.thresholds.celebration=1.5 must be within [0, 1]",
            "heartbeat.thresholds.alert|0.95|heartbeat.thresholds.alert=0.95 must be less than heartbeat.thresholds.celebration=0.9",
            "heartbeat.check-in-duration|0s|heartbeat.check-in-duration=0 s must be a positive duration",
            "heartbeat.pulse-interval|-6h|heartbeat.pulse-interval=-6 h must be a positive duration",
            // durations beyond reason fail here, not in time arithmetic at run time
            "heartbeat.pulse-interval|100000000d|heartbeat.pulse-interval=100000000 d must be at most 366 d",
            "heartbeat.check-in-duration|1000000000000d|heartbeat.check-in-duration=1000000000000 d must be at most 1 h",
            "heartbeat.log.retention|100000000d|heartbeat.log.retention=100000000 d must be at most 36500 d",
            "heartbeat.freshness.grace|100000000d|heartbeat.freshness.grace=100000000 d must be at most 366 d",
            "heartbeat.rhythm.min-gap|2d|heartbeat.rhythm.min-gap=2 d must be at most 1 d",
            "heartbeat.single-pulse.dedupe-window|30d|heartbeat.single-pulse.dedupe-window=30 d must be at most 7 d",
            "heartbeat.api.manual-cooldown|30d|heartbeat.api.manual-cooldown=30 d must be at most 7 d",
    })
    void eachBadValueNamesItsKeyAndValue(String key, String value, String message) {
        assertEquals(List.of(message), problems(Map.of(key, value)));
    }

    @Test
    void maxAboveTenAndMinAboveMaxAreBothReported() {
        assertEquals(List.of("heartbeat.voices.min=12 is greater than heartbeat.voices.max=11",
                "heartbeat.voices.max=11 must be at most 10"),
                problems(Map.of("heartbeat.voices.min", "12", "heartbeat.voices.max", "11")));
    }

    @Test
    void aCronThatDoesNotParseIsNamed() {
        List<String> problems = problems(Map.of("heartbeat.cron", "every tuesday"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("heartbeat.cron=every tuesday is not a valid Quartz cron expression"),
                problems.get(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "heartbeat.time-zone|Mars/Olympus|heartbeat.time-zone=Mars/Olympus is not valid: expected an IANA time zone such as UTC or Europe/Berlin",
            "heartbeat.daily-pulse.time|25:00|heartbeat.daily-pulse.time=25:00 is not valid: expected a local time such as 09:00",
            "heartbeat.pulse-interval|often|heartbeat.pulse-interval=often is not valid: expected a duration such as 30s, 10m, 6h or PT6H",
            "heartbeat.voices.min|two|heartbeat.voices.min=two is not valid: expected a whole number",
            "heartbeat.daily-pulse.enabled|maybe|heartbeat.daily-pulse.enabled=maybe is not valid: expected true or false",
            "heartbeat.freshness.in-readiness|sure|heartbeat.freshness.in-readiness=sure is not valid: expected true or false",
            "heartbeat.mode|sometimes|heartbeat.mode=sometimes is not valid: Cannot convert sometimes to enum class org.mallku.heartbeat.config.HeartbeatConfig$Mode, allowed values: import,single-pulse,service,status",
    })
    void valuesOfTheWrongTypeBecomeOneReadableLine(String key, String value, String line) {
        Exception failure = assertThrows(Exception.class, () -> config(Map.of(key, value)));
        assertEquals(line, StartupFailure.describe(failure).orElseThrow());
    }

    @Test
    void switchesReadTheUsualWordsAndNothingElse() {
        assertEquals(false, config(Map.of("heartbeat.daily-pulse.enabled", "OFF")).dailyPulse().enabled());
        assertEquals(true, config(Map.of("heartbeat.voices.offline.enabled", " Yes ")).voices().offline().enabled());
    }

    @Test
    void aCronThatNeverFiresIsAWarningAndAPortOutOfRangeAProblem() {
        ZonedDateTime now = ZonedDateTime.parse("2026-03-01T09:00:00Z");
        assertEquals(Optional.of("heartbeat.cron=0 0 0 30 2 ? never fires: no pulse will come from it"),
                ConfigValidator.cronWarning(config(Map.of("heartbeat.cron", "0 0 0 30 2 ?")), now));
        assertEquals(Optional.empty(), ConfigValidator.cronWarning(config(Map.of("heartbeat.cron", "0 0 */6 * * ?")), now));
        assertEquals(Optional.of("quarkus.http.port=99999 must be within 0 and 65535 (0: any free port)"),
                ConfigValidator.portProblem("quarkus.http.port", 99999));
        assertEquals(Optional.empty(), ConfigValidator.portProblem("quarkus.http.port", 8080));
    }

    @Test
    void otherFailuresAreNotConfigurationProblems() {
        assertTrue(StartupFailure.describe(new IllegalStateException("boom")).isEmpty());
    }

    @Test
    void aLongDurationWithoutAUnitIsRefusedWithAUnitSuggested() {
        Map<String, String> raw = Map.of("heartbeat.pulse-interval", "6", "heartbeat.log.retention", "90d",
                "heartbeat.freshness.grace", " 2.5 ", "heartbeat.check-in-duration", "30");
        assertEquals(List.of("heartbeat.pulse-interval=6 has no unit and would mean 6 seconds; write 6h for hours (or s, m, d)",
                "heartbeat.freshness.grace=2.5 has no unit and would mean 2.5 seconds; write 2.5h for hours (or s, m, d)"),
                ConfigNames.bareNumbers(key -> Optional.ofNullable(raw.get(key))),
                "check-in-duration is naturally seconds, and 90d has its unit");
    }

    @Test
    void anUnknownHeartbeatVariableIsNamedWithTheClosestKnownOne() {
        Set<String> known = ConfigMappings.getProperties(
                ConfigMappings.ConfigClass.configClass(HeartbeatConfig.class, "heartbeat")).keySet();
        Map<String, String> environment = Map.of("HEARTBEAT_PULSE_INTERVALL", "6h", "HEARTBEAT_PULSE_INTERVAL", "6h",
                "HEARTBEAT_MODE", "single-pulse", "HEARTBEAT_PROVIDERS_ANTHROPIC_MODEL", "m", "HEARTBEAT_WHATEVER", "x",
                "HEARTBEAT_WEBHOOKS_TEAM_CHAT_URL", "https://chat", "HEARTBEAT_WEBHOOKS_OPS_FORMAT", "json",
                "PATH", "/usr/bin");
        assertEquals(List.of("The environment variable HEARTBEAT_PULSE_INTERVALL matches no setting and is ignored;"
                + " did you mean HEARTBEAT_PULSE_INTERVAL?",
                "The environment variable HEARTBEAT_WHATEVER matches no setting and is ignored"),
                ConfigNames.unknownVariables(environment, known));
    }

    @Test
    void pingAndAlertmanagerUrlsMustBeAbsoluteHttpUrls() {
        assertEquals(List.of("heartbeat.alertmanager.url is not an absolute http(s) URL such as"
                + " http://alertmanager:9093 (not shown: it may hold credentials)", "heartbeat.ping.url is not an absolute http(s) URL"
                + " such as https://hc-ping.com/<uuid> (not shown: it works as a password)"),
                ConfigValidator.problems(TestConfig.of(Map.of(
                        "heartbeat.alertmanager.url", "alertmanager", "heartbeat.ping.url", "ftp://hc-ping.com/x"))));
    }

    @Test
    void aWebhookNeedsAnHttpUrlAndIsNeverEchoed() {
        HeartbeatConfig config = TestConfig.of(Map.of(
                "heartbeat.webhooks.chat.url", "hooks.slack.com/services/T0/B0/token-xyz",
                "heartbeat.webhooks.chat.format", "slack",
                "heartbeat.webhooks.chat.secret", " ",
                "heartbeat.webhooks.ops.url", "https://ops.example/hook",
                "heartbeat.webhooks.ops.events", "pulse,celebration"));
        assertEquals(List.of("heartbeat.webhooks.chat.url is not an absolute http(s) URL (not shown: a webhook URL"
                + " often holds its token)", "heartbeat.webhooks.chat.secret is empty: set a secret to sign with, or"
                + " leave the key out"), ConfigValidator.problems(config));
        assertEquals(HeartbeatConfig.Webhook.Format.SLACK, config.webhooks().get("chat").format());
        assertEquals(List.of(HeartbeatConfig.Webhook.Event.ALERT, HeartbeatConfig.Webhook.Event.FAILED,
                HeartbeatConfig.Webhook.Event.DOWN, HeartbeatConfig.Webhook.Event.RECOVERED),
                config.webhooks().get("chat").events(), "the default: the problems and their end");
        assertEquals(List.of(HeartbeatConfig.Webhook.Event.PULSE, HeartbeatConfig.Webhook.Event.CELEBRATION),
                config.webhooks().get("ops").events());
    }

    @Test
    void aPushUrlMustBeAnAbsoluteHttpUrlAndItsLabelsPlain() {
        assertEquals(List.of("heartbeat.push.url is not an absolute http(s) URL such as"
                + " http://pushgateway:9091 (not shown: it may hold credentials)", "heartbeat.push.instance=a/b must be letters, digits, '_', '-' or '.'"),
                ConfigValidator.problems(TestConfig.of(Map.of("heartbeat.push.url", "pushgateway:9091",
                        "heartbeat.push.instance", "a/b"))));
        assertEquals(List.of(), ConfigValidator.problems(TestConfig.of(Map.of("heartbeat.push.url",
                "http://pushgateway.monitoring.svc:9091", "heartbeat.push.instance", "mallku-heartbeat-cronjob"))));
    }

    @Test
    void pushCredentialsComeOneWayAndWhole() {
        assertEquals(List.of(), problems(Map.of("heartbeat.push.url", "http://u:secret@pushgateway:9091")));
        assertEquals(List.of(), problems(Map.of("heartbeat.push.url", "http://pushgateway:9091",
                "heartbeat.push.username", "u", "heartbeat.push.password", "secret")));
        assertEquals(List.of("heartbeat.push.password is missing: basic auth needs both heartbeat.push.username and"
                + " heartbeat.push.password"), problems(Map.of("heartbeat.push.username", "u")));
        assertEquals(List.of("heartbeat.push.username is missing: basic auth needs both heartbeat.push.username and"
                + " heartbeat.push.password"), problems(Map.of("heartbeat.push.password", "secret")));
        assertEquals(List.of("heartbeat.push.username and heartbeat.push.password are set, and heartbeat.push.url holds"
                + " credentials too: give them one way"), problems(Map.of("heartbeat.push.url", "http://u:secret@pushgateway:9091",
                        "heartbeat.push.username", "u", "heartbeat.push.password", "secret")));
        List<String> control = problems(Map.of("heartbeat.push.username", "u", "heartbeat.push.password", "sec\nret"));
        assertEquals(List.of("heartbeat.push.password contains a line break or another control character (not shown);"
                + " remove it"), control);
        List<String> bad = problems(Map.of("heartbeat.push.url", "pushgateway:secret@9091"));
        assertTrue(bad.stream().noneMatch(line -> line.contains("secret")), "never the URL: " + bad);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "heartbeat.providers.openai.max-tokens|-5|heartbeat.providers.openai.max-tokens=-5 must be at least 1",
            "heartbeat.providers.local.max-tokens|0|heartbeat.providers.local.max-tokens=0 must be at least 1",
            "heartbeat.providers.anthropic.temperature|2.5|heartbeat.providers.anthropic.temperature=2.5 must be within [0, 2]",
            "heartbeat.providers.google.temperature|-1|heartbeat.providers.google.temperature=-1.0 must be within [0, 2]",
            "heartbeat.providers.mistral.base-url|api.mistral.ai/v1|heartbeat.providers.mistral.base-url is not an absolute"
                    + " http(s) URL such as https://api.example.com/v1 (not shown: it may hold credentials)",
            "heartbeat.providers.local.base-url|localhost:11434|heartbeat.providers.local.base-url is not an absolute"
                    + " http(s) URL such as http://localhost:11434/v1 (not shown: it may hold credentials)",
    })
    void aBadProviderValueIsRefusedWhetherOrNotItHasAKey(String key, String value, String message) {
        assertEquals(List.of(message), problems(Map.of(key, value)));
    }

    @Test
    void aProviderKeyWithALineBreakInsideIsRefusedUnshown() {
        assertEquals(List.of("heartbeat.providers.openai.api-key contains a line break or another control character (not"
                + " shown); remove it"), problems(Map.of("heartbeat.providers.openai.api-key", "sk-a\nb")));
        assertEquals(List.of(), problems(Map.of("heartbeat.providers.openai.api-key", "sk-ab\n")), "a final newline is trimmed");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "quarkus.shutdown.timeout|-1s|false|quarkus.shutdown.timeout=-1s must be a positive duration such as 30s",
            "quarkus.shutdown.timeout|0s|false|quarkus.shutdown.timeout=0s must be a positive duration such as 30s",
            "quarkus.shutdown.timeout|soon|false|quarkus.shutdown.timeout=soon is not valid: expected a duration such as 30s, 10m, 6h or PT6H",
            "quarkus.datasource.jdbc.acquisition-timeout|-5s|true|quarkus.datasource.jdbc.acquisition-timeout=-5s must be a"
                    + " positive duration such as 30s",
            "quarkus.datasource.jdbc.max-size|0|true|quarkus.datasource.jdbc.max-size=0 must be a whole number, at least 1",
            "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout|0|true|quarkus.datasource.jdbc"
                    + ".additional-jdbc-properties.socketTimeout=0 must be a whole number of seconds, at least 1",
    })
    void aBadValueOfAQuarkusSettingTheHeartbeatReliesOnIsRefused(String key, String value, boolean database, String message) {
        assertEquals(List.of(message), ConfigValidator.quarkusProblems(k -> Optional.ofNullable(Map.of(key, value).get(k)), database));
    }

    @Test
    void theQuarkusSettingsAsShippedAreGood() {
        Map<String, String> shipped = Map.of("quarkus.shutdown.timeout", "30s",
                "quarkus.datasource.jdbc.acquisition-timeout", "5s", "quarkus.datasource.jdbc.max-size", "8",
                "quarkus.datasource.jdbc.additional-jdbc-properties.connectTimeout", "5",
                "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout", "30");
        assertEquals(List.of(), ConfigValidator.quarkusProblems(k -> Optional.ofNullable(shipped.get(k)), true));
        assertEquals(List.of(), ConfigValidator.quarkusProblems(k -> Optional.empty(), true));
        assertEquals(List.of(), ConfigValidator.quarkusProblems(k -> Optional.ofNullable(Map.of(
                "quarkus.datasource.jdbc.max-size", "0").get(k)), false), "the database's settings matter with its store only");
    }
}
