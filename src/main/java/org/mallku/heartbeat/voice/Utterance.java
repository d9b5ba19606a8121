package org.mallku.heartbeat.voice;

/** One earlier reply of the pulse, given to later rounds as context. */
public record Utterance(String speaker, String text) {
}
