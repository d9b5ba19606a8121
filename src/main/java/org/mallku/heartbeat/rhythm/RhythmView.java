package org.mallku.heartbeat.rhythm;

import org.mallku.heartbeat.config.HeartbeatConfig.Phase;

/**
 * The rhythm as the rest of the service sees it.
 *
 * @param started whether start-up has restored the history and decided on catch-up
 * @param phase   the phase in effect (never {@code auto})
 * @param state   the state of the circle
 * @param next    the next pulse, {@code null} when none is scheduled
 */
public record RhythmView(boolean started, Phase phase, Adaptive.State state, Due next) {
}
