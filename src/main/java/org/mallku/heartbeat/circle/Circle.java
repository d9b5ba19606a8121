package org.mallku.heartbeat.circle;

import java.util.List;

import org.mallku.heartbeat.voice.Voice;

/**
 * The voices chosen for one pulse.
 *
 * @param voices   the chosen voices, distinct, in order of preference
 * @param required the fewest the pulse may go ahead with ({@code heartbeat.voices.min})
 */
public record Circle(List<Voice> voices, int required) {

    public Circle {
        voices = List.copyOf(voices);
    }

    public boolean sufficient() {
        return voices.size() >= required;
    }
}
