package org.mallku.heartbeat.config;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/** {@code heartbeat.cron}'s language: a Quartz cron expression (seconds first), read by cron-utils. */
public final class QuartzCron {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private QuartzCron() {
    }

    /** {@link IllegalArgumentException} when {@code expression} is not one. */
    public static Cron parse(String expression) {
        return PARSER.parse(expression);
    }
}
