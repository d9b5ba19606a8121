package org.mallku.heartbeat.voice.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mallku.heartbeat.voice.ReplyOutcome;
import org.mallku.heartbeat.voice.TokenUsage;
import org.mallku.heartbeat.voice.VoiceAnswer;
import org.mallku.heartbeat.voice.VoiceFailure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * One provider's wire format: the path, headers and JSON body of a request for a model, and the reading of the
 * successful reply. Status codes, sizes and transport errors are handled by {@link ProviderChannel}, the same for
 * every format; the bytes travel through {@link ProviderHttp}.
 */
abstract class Wire {

    protected final ProviderSettings settings;
    protected final ObjectMapper json;
    private final ProviderHttp http;

    Wire(ProviderSettings settings, ObjectMapper json, ProviderHttp http) {
        this.settings = settings;
        this.json = json;
        this.http = http;
    }

    abstract Uni<ProviderHttp.Answer> send(String model, Prompt prompt);

    /** The reply in a 2xx body; throws {@link VoiceFailure} when it holds no text. */
    abstract VoiceAnswer parse(String body) throws JsonProcessingException;

    static Wire of(ProviderSettings settings, ObjectMapper json, ProviderHttp http) {
        return switch (settings.spec().format()) {
            case OPENAI_CHAT -> new OpenAi(settings, json, http);
            case ANTHROPIC_MESSAGES -> new Anthropic(settings, json, http);
            case GEMINI_GENERATE -> new Gemini(settings, json, http);
        };
    }

    /** Posts {@code body} as JSON; a header whose value is null is not sent. */
    protected Uni<ProviderHttp.Answer> post(String path, Map<String, String> headers, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new VoiceFailure(ReplyOutcome.ERROR, "the request to "
                    + settings.spec().label() + " could not be written as JSON"));
        }
        Map<String, String> sent = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (value != null) {
                sent.put(name, value);
            }
        });
        return http.post(path, sent, bytes);
    }

    protected VoiceFailure empty(String what) {
        return new VoiceFailure(ReplyOutcome.ERROR, settings.spec().label() + " answered without " + what);
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    static final class OpenAi extends Wire {
        OpenAi(ProviderSettings settings, ObjectMapper json, ProviderHttp http) {
            super(settings, json, http);
        }

        @Override
        Uni<ProviderHttp.Answer> send(String model, Prompt prompt) {
            // a local server without a key is asked without Authorization
            String bearer = settings.key() == null ? null : "Bearer " + settings.key().value();
            return post("/chat/completions", Collections.singletonMap("Authorization", bearer), new OpenAiJson.ChatRequest(model, List.of(
                    new OpenAiJson.Message("system", prompt.system()),
                    new OpenAiJson.Message("user", prompt.user())), settings.temperature(), settings.maxTokens()));
        }

        @Override
        VoiceAnswer parse(String body) throws JsonProcessingException {
            OpenAiJson.ChatResponse response = json.readValue(body, OpenAiJson.ChatResponse.class);
            if (response == null || response.choices() == null || response.choices().isEmpty()) {
                throw empty("any choice");
            }
            OpenAiJson.Message message = response.choices().get(0).message();
            if (message == null || message.content() == null || message.content().isBlank()) {
                throw empty("text");
            }
            OpenAiJson.Usage usage = response.usage();
            return new VoiceAnswer(message.content().strip(), usage == null ? null
                    : new TokenUsage(orZero(usage.promptTokens()), orZero(usage.completionTokens())));
        }
    }

    static final class Anthropic extends Wire {
        Anthropic(ProviderSettings settings, ObjectMapper json, ProviderHttp http) {
            super(settings, json, http);
        }

        @Override
        Uni<ProviderHttp.Answer> send(String model, Prompt prompt) {
            return post("/v1/messages", Map.of("x-api-key", settings.key().value(), "anthropic-version",
                    AnthropicJson.VERSION), new AnthropicJson.MessagesRequest(model,
                    settings.maxTokens(), prompt.system(), List.of(new AnthropicJson.Message("user", prompt.user())),
                    settings.temperature()));
        }

        @Override
        VoiceAnswer parse(String body) throws JsonProcessingException {
            AnthropicJson.MessagesResponse response = json.readValue(body, AnthropicJson.MessagesResponse.class);
            if (response == null || response.content() == null || response.content().isEmpty()) {
                throw empty("any content");
            }
            StringBuilder text = new StringBuilder();
            for (AnthropicJson.ContentBlock block : response.content()) {
                if ("text".equals(block.type()) && block.text() != null) {
                    text.append(block.text());
                }
            }
            if (text.toString().isBlank()) {
                throw empty("text");
            }
            AnthropicJson.Usage usage = response.usage();
            return new VoiceAnswer(text.toString().strip(), usage == null ? null
                    : new TokenUsage(orZero(usage.inputTokens()), orZero(usage.outputTokens())));
        }
    }

    static final class Gemini extends Wire {
        Gemini(ProviderSettings settings, ObjectMapper json, ProviderHttp http) {
            super(settings, json, http);
        }

        @Override
        Uni<ProviderHttp.Answer> send(String model, Prompt prompt) {
            // the key travels in a header, never in the URL where it could be logged
            String path = "/v1beta/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20")
                    + ":generateContent";
            return post(path, Map.of("x-goog-api-key", settings.key().value()), new GeminiJson.GenerateRequest(
                    new GeminiJson.Content(null, List.of(new GeminiJson.Part(prompt.system()))),
                    List.of(new GeminiJson.Content("user", List.of(new GeminiJson.Part(prompt.user())))),
                    new GeminiJson.GenerationConfig(settings.temperature(), settings.maxTokens())));
        }

        @Override
        VoiceAnswer parse(String body) throws JsonProcessingException {
            GeminiJson.GenerateResponse response = json.readValue(body, GeminiJson.GenerateResponse.class);
            if (response == null || response.candidates() == null || response.candidates().isEmpty()) {
                String blocked = response == null || response.promptFeedback() == null ? null
                        : response.promptFeedback().blockReason();
                throw blocked == null ? empty("any candidate")
                        : new VoiceFailure(ReplyOutcome.ERROR, "google blocked the prompt (" + word(blocked) + ")");
            }
            GeminiJson.Content content = response.candidates().get(0).content();
            StringBuilder text = new StringBuilder();
            if (content != null && content.parts() != null) {
                content.parts().stream().filter(p -> p.text() != null).forEach(p -> text.append(p.text()));
            }
            if (text.toString().isBlank()) {
                String finish = response.candidates().get(0).finishReason();
                throw finish == null ? empty("text") : empty("text (finish reason " + word(finish) + ")");
            }
            GeminiJson.UsageMetadata usage = response.usageMetadata();
            return new VoiceAnswer(text.toString().strip(), usage == null ? null
                    : new TokenUsage(orZero(usage.promptTokenCount()), orZero(usage.candidatesTokenCount())));
        }

        /** An enum-like word from the provider, reduced to safe characters. */
        private static String word(String s) {
            String clean = s.replaceAll("[^A-Za-z0-9_]", "");
            return clean.length() <= 40 ? clean : clean.substring(0, 40);
        }
    }
}
