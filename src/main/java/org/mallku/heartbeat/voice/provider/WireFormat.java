package org.mallku.heartbeat.voice.provider;

/** The three request/response formats the providers speak. */
public enum WireFormat {
    /** {@code POST {base}/chat/completions}, bearer key. */
    OPENAI_CHAT,
    /** {@code POST {base}/v1/messages}, {@code x-api-key} and {@code anthropic-version}. */
    ANTHROPIC_MESSAGES,
    /** {@code POST {base}/v1beta/models/{model}:generateContent}, {@code x-goog-api-key}. */
    GEMINI_GENERATE
}
