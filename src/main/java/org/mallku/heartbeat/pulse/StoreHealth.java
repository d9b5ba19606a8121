package org.mallku.heartbeat.pulse;

/**
 * Whether the store can keep pulses, and what it holds.
 *
 * @param restored       whether start-up has restored the history
 * @param writable       whether the last write (or check) succeeded
 * @param reason         why it is not writable, {@code null} when it is
 * @param pending        pulses kept only in memory until the store is writable again
 * @param records        records kept now (after retention)
 * @param skippedRecords records that could not be read (corrupt, foreign, newer schema) since start
 * @param writeFailures  failed attempts to write since start
 */
public record StoreHealth(boolean restored, boolean writable, String reason, int pending, long records,
        long skippedRecords, long writeFailures) {

    public static final StoreHealth NOT_RESTORED = new StoreHealth(false, true, null, 0, 0, 0, 0);
}
