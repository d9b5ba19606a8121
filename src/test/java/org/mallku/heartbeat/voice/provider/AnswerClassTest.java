package org.mallku.heartbeat.voice.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mallku.heartbeat.voice.ReplyOutcome;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Every kind of provider answer, by status, Retry-After and error body, and what it means. */
class AnswerClassTest {

    static final Instant NOW = Instant.parse("2026-05-10T10:00:00Z");
    static final AnswerClass.Asked ASKED = new AnswerClass.Asked("openai", "gpt-4o", "key from OPENAI_API_KEY",
            "https://api.openai.com/v1");

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of(200, null, "{\"choices\": []}", new AnswerClass.Reply()),
                Arguments.of(204, null, "", new AnswerClass.Reply()),
                Arguments.of(429, null, "", new AnswerClass.Retryable(ReplyOutcome.RATE_LIMITED,
                        "429 rate limited by openai", Duration.ZERO)),
                Arguments.of(429, "7", "", new AnswerClass.Retryable(ReplyOutcome.RATE_LIMITED,
                        "429 rate limited by openai", Duration.ofSeconds(7))),
                Arguments.of(429, "Sun, 10 May 2026 10:00:30 GMT", "", new AnswerClass.Retryable(ReplyOutcome.RATE_LIMITED,
                        "429 rate limited by openai", Duration.ofSeconds(30))),
                Arguments.of(503, "120", "", new AnswerClass.Retryable(ReplyOutcome.ERROR, "503 server error from openai",
                        Duration.ofSeconds(120))),
                Arguments.of(500, null, "<html>oops</html>", new AnswerClass.Retryable(ReplyOutcome.ERROR,
                        "500 server error from openai", Duration.ZERO)),
                Arguments.of(404, null, "{\"error\": {\"message\": \"The model `gpt-9` does not exist\"}}",
                        new AnswerClass.MissingModel(404)),
                Arguments.of(400, null, "{\"error\": {\"code\": \"model_not_found\"}}", new AnswerClass.MissingModel(400)),
                Arguments.of(400, null, "{\"error\": \"unknown model 'llama9'\"}", new AnswerClass.Refused(
                        "400 bad request from openai for model gpt-4o; check heartbeat.providers.openai.model,"
                                + " .temperature and .max-tokens")),
                Arguments.of(400, null, "{\"error\": {\"message\": \"unknown model llama9\"}}", new AnswerClass.MissingModel(400)),
                Arguments.of(404, null, "Not Found", new AnswerClass.Refused(
                        "404 not found at https://api.openai.com/v1; check heartbeat.providers.openai.base-url")),
                Arguments.of(400, null, "{\"error\": {\"status\": \"INVALID_ARGUMENT\", \"message\": \"API key not valid.\"}}",
                        new AnswerClass.Refused("400 key not valid: openai refused the key; key from OPENAI_API_KEY")),
                Arguments.of(401, null, "{\"error\": {\"message\": \"Incorrect API key sk-abc\"}}", new AnswerClass.Refused(
                        "401 unauthorized: openai refused the key; key from OPENAI_API_KEY")),
                Arguments.of(403, null, "", new AnswerClass.Refused(
                        "403 forbidden: the openai key may not use model gpt-4o; key from OPENAI_API_KEY")),
                Arguments.of(400, null, "{\"error\": {\"message\": \"temperature out of range\"}}", new AnswerClass.Refused(
                        "400 bad request from openai for model gpt-4o; check heartbeat.providers.openai.model,"
                                + " .temperature and .max-tokens")),
                Arguments.of(418, null, "", new AnswerClass.Refused("418 from openai: request refused")));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void anAnswerMeans(int status, String retryAfter, String body, AnswerClass expected) {
        assertEquals(expected, AnswerClass.of(status, retryAfter, body, ASKED, new ObjectMapper(), NOW));
    }
}
