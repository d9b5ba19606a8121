package org.mallku.heartbeat.voice;

import java.util.List;

/** A provider of voices (a CDI bean); the circle is chosen from the voices of all sources. */
public interface VoiceSource {

    /** Sources are asked in this order, lowest first: real voices before the offline ones. */
    default int precedence() {
        return 0;
    }

    /** The voices available now, in this source's order of preference; empty when none is. */
    List<Voice> voices();

    /** How many voices this source has as configured, those left out now included. */
    default int configured() {
        return voices().size();
    }

    /** Why voices that this source has are left out now (an open circuit and its cause), one line each. */
    default List<String> leftOut() {
        return List.of();
    }
}
