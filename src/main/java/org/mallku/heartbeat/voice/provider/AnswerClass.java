package org.mallku.heartbeat.voice.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.mallku.heartbeat.voice.ReplyOutcome;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a provider's HTTP answer means, decided from its status, Retry-After and error body alone: a reply to
 * parse, a failure worth another attempt (and after how long the provider asks), a model that does not exist
 * (try the next fallback), or a refusal, with words an operator can act on. Pure: the channel does the calling.
 */
sealed interface AnswerClass {

    /** 2xx: the body holds the reply. */
    record Reply() implements AnswerClass {
    }

    /** 429 or 5xx: another attempt may succeed, not sooner than {@code retryAfter} (zero: the backoff decides). */
    record Retryable(ReplyOutcome outcome, String reason, Duration retryAfter) implements AnswerClass {
    }

    /** The model asked for does not exist at this provider. */
    record MissingModel(int status) implements AnswerClass {
    }

    /** Refused for good: a bad key, a bad request, a wrong base URL. */
    record Refused(String reason) implements AnswerClass {
    }

    /** Where and how the request was made, for the words of a failure. */
    record Asked(String provider, String model, String keyHint, String base) {
    }

    static AnswerClass of(int status, String retryAfter, String body, Asked asked, ObjectMapper json, Instant now) {
        String label = asked.provider();
        if (status >= 200 && status < 300) {
            return new Reply();
        }
        if (status == 429) {
            return new Retryable(ReplyOutcome.RATE_LIMITED, "429 rate limited by " + label,
                    RetryAfter.parse(retryAfter, now).orElse(Duration.ZERO));
        }
        if (status >= 500) {
            // a 503 may say when to come back, as a 429 does
            return new Retryable(ReplyOutcome.ERROR, status + " server error from " + label,
                    RetryAfter.parse(retryAfter, now).orElse(Duration.ZERO));
        }
        String error = errorWords(body, json);
        if (modelNotFound(status, error)) {
            return new MissingModel(status);
        }
        if (status == 400 && (error.contains("api key not valid") || error.contains("api_key_invalid"))) {
            // Gemini refuses a bad key with 400 rather than 401
            return new Refused("400 key not valid: " + label + " refused the key; " + asked.keyHint());
        }
        return new Refused(switch (status) {
            case 401 -> "401 unauthorized: " + label + " refused the key; " + asked.keyHint();
            case 403 -> "403 forbidden: the " + label + " key may not use model " + asked.model() + "; " + asked.keyHint();
            case 404 -> "404 not found at " + asked.base() + "; check heartbeat.providers." + label + ".base-url";
            case 400 -> "400 bad request from " + label + " for model " + asked.model() + "; check heartbeat.providers."
                    + label + ".model, .temperature and .max-tokens";
            default -> status + " from " + label + ": request refused";
        });
    }

    /** 404, or a 400 whose error names a missing model (as some OpenAI-compatible servers send). */
    private static boolean modelNotFound(int status, String error) {
        if (status == 404) {
            return error.contains("model");
        }
        return status == 400 && (error.contains("model_not_found") || error.contains("model") && (error.contains("not found")
                || error.contains("does not exist") || error.contains("invalid model") || error.contains("unknown model")));
    }

    /** The code, type, status and message of an error body, lower case, for classification only. */
    private static String errorWords(String body, ObjectMapper json) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode root = json.readTree(body);
            JsonNode error = root.has("error") ? root.get("error") : root;
            StringBuilder words = new StringBuilder();
            for (String field : List.of("code", "type", "status", "message", "reason")) {
                if (error.hasNonNull(field)) {
                    words.append(error.get(field).asText()).append(' ');
                }
            }
            return words.toString().toLowerCase(Locale.ROOT);
        } catch (JsonProcessingException | RuntimeException e) {
            return "";
        }
    }
}
