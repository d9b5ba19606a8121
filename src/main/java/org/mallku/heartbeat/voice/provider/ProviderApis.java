package org.mallku.heartbeat.voice.provider;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/**
 * The REST Client interfaces of the three wire formats, built programmatically per provider. They answer a raw
 * {@link Response} (the default exception mapper is off) so that every status is classified in one place and a
 * response body is parsed, size-checked and never quoted.
 */
public final class ProviderApis {

    private ProviderApis() {
    }

    /** OpenAI-compatible chat completions. A {@code null} authorization (local server without key) is not sent. */
    public interface OpenAiChat {
        @POST
        @Path("/chat/completions")
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.APPLICATION_JSON)
        Uni<Response> complete(@HeaderParam("Authorization") String authorization, OpenAiJson.ChatRequest request);
    }

    /** Anthropic Messages. */
    public interface AnthropicMessages {
        @POST
        @Path("/v1/messages")
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.APPLICATION_JSON)
        Uni<Response> create(@HeaderParam("x-api-key") String key, @HeaderParam("anthropic-version") String version,
                AnthropicJson.MessagesRequest request);
    }

    /** Gemini generateContent; the key travels in a header, never in the URL where it could be logged. */
    public interface GeminiGenerate {
        @POST
        @Path("/v1beta/models/{model}:generateContent")
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.APPLICATION_JSON)
        Uni<Response> generate(@HeaderParam("x-goog-api-key") String key, @PathParam("model") String model,
                GeminiJson.GenerateRequest request);
    }
}
