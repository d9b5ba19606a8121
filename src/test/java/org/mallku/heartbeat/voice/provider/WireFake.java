package org.mallku.heartbeat.voice.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;

/** What each wire format's fake provider answers: the real JSON shapes, trimmed to what matters. */
enum WireFake {
    OPENAI(ProviderSpec.OPENAI) {
        @Override
        MappingBuilder call(String model) {
            return post(urlEqualTo("/chat/completions")).withRequestBody(matchingJsonPath("$.model", equalTo(model)));
        }

        @Override
        String ok(String text, int in, int out) {
            return """
                    {"id":"chatcmpl-1","object":"chat.completion","created":1767258000,"model":"gpt-4o-2024-08-06",
                     "choices":[{"index":0,"message":{"role":"assistant","content":"%s","refusal":null},
                                 "logprobs":null,"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}""".formatted(text, in, out, in + out);
        }

        @Override
        String empty() {
            return "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":0}}";
        }

        @Override
        String modelNotFound(String model) {
            return "{\"error\":{\"message\":\"The model `" + model + "` does not exist or you do not have access to it.\","
                    + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}";
        }

        @Override
        String unauthorized(String key) {
            return "{\"error\":{\"message\":\"Incorrect API key provided: " + key + ". You can find your API key at"
                    + " the dashboard.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";
        }
    },
    ANTHROPIC(ProviderSpec.ANTHROPIC) {
        @Override
        MappingBuilder call(String model) {
            return post(urlEqualTo("/v1/messages")).withRequestBody(matchingJsonPath("$.model", equalTo(model)));
        }

        @Override
        String ok(String text, int in, int out) {
            return """
                    {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                     "content":[{"type":"text","text":"%s"}],"stop_reason":"end_turn","stop_sequence":null,
                     "usage":{"input_tokens":%d,"output_tokens":%d}}""".formatted(text, in, out);
        }

        @Override
        String empty() {
            return "{\"id\":\"msg_02\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"stop_reason\":\"end_turn\","
                    + "\"usage\":{\"input_tokens\":5,\"output_tokens\":0}}";
        }

        @Override
        String modelNotFound(String model) {
            return "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: " + model + "\"}}";
        }

        @Override
        String unauthorized(String key) {
            return "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key " + key + "\"}}";
        }
    },
    GOOGLE(ProviderSpec.GOOGLE) {
        @Override
        MappingBuilder call(String model) {
            return post(urlEqualTo("/v1beta/models/" + model + ":generateContent"));
        }

        @Override
        String ok(String text, int in, int out) {
            return """
                    {"candidates":[{"content":{"parts":[{"text":"%s"}],"role":"model"},"finishReason":"STOP","index":0}],
                     "usageMetadata":{"promptTokenCount":%d,"candidatesTokenCount":%d,"totalTokenCount":%d},
                     "modelVersion":"gemini-2.5-flash"}""".formatted(text, in, out, in + out);
        }

        @Override
        String empty() {
            return "{\"candidates\":[],\"usageMetadata\":{\"promptTokenCount\":5,\"totalTokenCount\":5}}";
        }

        @Override
        String modelNotFound(String model) {
            return "{\"error\":{\"code\":404,\"message\":\"models/" + model + " is not found for API version v1beta, or is"
                    + " not supported for generateContent.\",\"status\":\"NOT_FOUND\"}}";
        }

        @Override
        String unauthorized(String key) {
            return "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials: " + key + "\","
                    + "\"status\":\"UNAUTHENTICATED\"}}";
        }
    };

    final ProviderSpec spec;

    WireFake(ProviderSpec spec) {
        this.spec = spec;
    }

    /** A POST of this format to {@code model}. */
    abstract MappingBuilder call(String model);

    abstract String ok(String text, int in, int out);

    /** A 200 without any reply: empty choices, content or candidates. */
    abstract String empty();

    abstract String modelNotFound(String model);

    /** The provider's 401, echoing the key it was sent (as some do). */
    abstract String unauthorized(String key);
}
