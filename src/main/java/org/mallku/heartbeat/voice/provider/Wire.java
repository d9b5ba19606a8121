package org.mallku.heartbeat.voice.provider;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.client.api.LoggingScope;
import org.mallku.heartbeat.voice.ReplyOutcome;
import org.mallku.heartbeat.voice.TokenUsage;
import org.mallku.heartbeat.voice.VoiceAnswer;
import org.mallku.heartbeat.voice.VoiceFailure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * One provider's wire format: sends a prompt to a model and reads the successful reply. Status codes, sizes and
 * transport errors are handled by {@link ProviderChannel}, the same for every format.
 */
abstract class Wire {

    protected final ProviderSettings settings;
    protected final ObjectMapper json;

    Wire(ProviderSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    abstract Uni<Response> send(String model, Prompt prompt);

    /** The reply in a 2xx body; throws {@link VoiceFailure} when it holds no text. */
    abstract VoiceAnswer parse(String body) throws JsonProcessingException;

    static Wire of(ProviderSettings settings, ObjectMapper json, Duration connectTimeout, Duration readTimeout) {
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(settings.baseUri())
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .followRedirects(false)
                .loggingScope(LoggingScope.NONE);
        return switch (settings.spec().format()) {
            case OPENAI_CHAT -> new OpenAi(settings, json, builder.build(ProviderApis.OpenAiChat.class));
            case ANTHROPIC_MESSAGES -> new Anthropic(settings, json, builder.build(ProviderApis.AnthropicMessages.class));
            case GEMINI_GENERATE -> new Gemini(settings, json, builder.build(ProviderApis.GeminiGenerate.class));
        };
    }

    protected VoiceFailure empty(String what) {
        return new VoiceFailure(ReplyOutcome.ERROR, settings.spec().label() + " answered without " + what);
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    static final class OpenAi extends Wire {
        private final ProviderApis.OpenAiChat api;

        OpenAi(ProviderSettings settings, ObjectMapper json, ProviderApis.OpenAiChat api) {
            super(settings, json);
            this.api = api;
        }

        @Override
        Uni<Response> send(String model, Prompt prompt) {
            String bearer = settings.key() == null ? null : "Bearer " + settings.key().value();
            return api.complete(bearer, new OpenAiJson.ChatRequest(model, List.of(
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
        private final ProviderApis.AnthropicMessages api;

        Anthropic(ProviderSettings settings, ObjectMapper json, ProviderApis.AnthropicMessages api) {
            super(settings, json);
            this.api = api;
        }

        @Override
        Uni<Response> send(String model, Prompt prompt) {
            return api.create(settings.key().value(), AnthropicJson.VERSION, new AnthropicJson.MessagesRequest(model,
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
        private final ProviderApis.GeminiGenerate api;

        Gemini(ProviderSettings settings, ObjectMapper json, ProviderApis.GeminiGenerate api) {
            super(settings, json);
            this.api = api;
        }

        @Override
        Uni<Response> send(String model, Prompt prompt) {
            return api.generate(settings.key().value(), model, new GeminiJson.GenerateRequest(
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
