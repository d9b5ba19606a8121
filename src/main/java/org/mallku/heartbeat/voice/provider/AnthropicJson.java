package org.mallku.heartbeat.voice.provider;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** JSON of the Anthropic Messages API ({@code POST {base}/v1/messages}), as far as a voice needs it. */
public final class AnthropicJson {

    /** The API version sent in the {@code anthropic-version} header. */
    public static final String VERSION = "2023-06-01";

    private AnthropicJson() {
    }

    /** {@code max_tokens} is required; the system prompt is a top-level field, not a message. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessagesRequest(String model, @JsonProperty("max_tokens") int maxTokens, String system,
            List<Message> messages, double temperature) {
    }

    @RegisterForReflection
    public record Message(String role, String content) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessagesResponse(String id, String type, String model, List<ContentBlock> content,
            @JsonProperty("stop_reason") String stopReason, Usage usage) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ContentBlock(String type, String text) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(@JsonProperty("input_tokens") Integer inputTokens,
            @JsonProperty("output_tokens") Integer outputTokens) {
    }
}
