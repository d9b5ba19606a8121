package org.mallku.heartbeat.log;

/**
 * Whether the log can keep pulses on disk.
 *
 * @param restored whether start-up has restored the recent pulses
 * @param writable whether the last write (or check) of the folder succeeded
 * @param reason   why it is not writable, {@code null} when it is
 * @param pending  pulses kept only in memory until the folder is writable again
 */
public record LogHealth(boolean restored, boolean writable, String reason, int pending) {
}
