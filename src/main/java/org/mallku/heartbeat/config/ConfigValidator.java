package org.mallku.heartbeat.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/**
 * The rules a single key's type cannot express. Each problem is one line naming the key and its value,
 * so that an operator reading a failed start knows exactly what to change.
 */
public final class ConfigValidator {

    public static final int MIN_VOICES = 2;
    public static final int MAX_VOICES = 10;

    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

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
        positive("heartbeat.check-in-duration", Optional.of(config.checkInDuration()), problems);
        positive("heartbeat.pulse-interval", config.pulseInterval(), problems);
        config.cron().ifPresent(cron -> cronProblem(cron).ifPresent(problems::add));
        if (config.quietHours().start().isPresent() != config.quietHours().end().isPresent()) {
            problems.add("heartbeat.quiet-hours." + (config.quietHours().start().isPresent() ? "end" : "start")
                    + " is missing: quiet hours need both heartbeat.quiet-hours.start and heartbeat.quiet-hours.end");
        } else if (config.quietHours().start().isPresent() && config.quietHours().start().equals(config.quietHours().end())) {
            problems.add("heartbeat.quiet-hours.start=" + config.quietHours().start().get()
                    + " equals heartbeat.quiet-hours.end: the window would be empty");
        }
        positive("heartbeat.freshness.grace", Optional.of(config.freshness().grace()), problems);
        positive("heartbeat.rhythm.min-gap", Optional.of(config.rhythm().minGap()), problems);
        if (config.singlePulse().dedupeWindow().isNegative()) {
            problems.add("heartbeat.single-pulse.dedupe-window=" + config.singlePulse().dedupeWindow()
                    + " must not be negative");
        }
        positive("heartbeat.log.retention", Optional.of(config.log().retention()), problems);
        if (config.log().maxFiles() < 1) {
            problems.add("heartbeat.log.max-files=" + config.log().maxFiles() + " must be at least 1");
        }
        if (config.api().manualCooldown().isNegative()) {
            problems.add("heartbeat.api.manual-cooldown=" + config.api().manualCooldown() + " must not be negative");
        }
        return problems;
    }

    /** Why {@code cron} is not a Quartz cron expression as the Quarkus Scheduler reads it, if it is not. */
    static Optional<String> cronProblem(String cron) {
        try {
            QUARTZ.parse(cron).validate();
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

    private static void positive(String key, Optional<Duration> value, List<String> problems) {
        value.filter(d -> d.isZero() || d.isNegative())
                .ifPresent(d -> problems.add(key + "=" + d + " must be a positive duration"));
    }
}
