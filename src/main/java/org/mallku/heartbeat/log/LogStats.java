package org.mallku.heartbeat.log;

import java.time.Instant;

/**
 * Counters over the whole history of the log.
 *
 * @param total          pulses ever recorded
 * @param alerts         pulses that raised an alert
 * @param celebrations   pulses that triggered a celebration
 * @param failed         pulses that failed or were interrupted
 * @param files          records in the folder now (after retention)
 * @param firstPulseAt   when the first pulse started, {@code null} before any
 * @param skippedRecords files that could not be read (corrupt, foreign, newer schema) since start
 * @param writeFailures  failed attempts to write a record since start
 */
public record LogStats(long total, long alerts, long celebrations, long failed, long files, Instant firstPulseAt,
        long skippedRecords, long writeFailures) {

    public static final LogStats EMPTY = new LogStats(0, 0, 0, 0, 0, null, 0, 0);
}
