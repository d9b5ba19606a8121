package org.mallku.heartbeat.voice.provider;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A WireMock server on a random local port standing in for anthropic, openai and google, each with a canary key
 * found a different way: anthropic through {@code heartbeat.providers.anthropic.api-key}, openai through
 * {@code OPENAI_API_KEY} and google through the alias {@code GEMINI_API_KEY} (both read via MicroProfile Config).
 */
public class WireMockProviders implements QuarkusTestResourceLifecycleManager {

    public static final String ANTHROPIC_CANARY = "sk-ant-canary-4d2f8e1b";
    public static final String OPENAI_CANARY = "sk-openai-canary-93be07ac";
    public static final String GOOGLE_CANARY = "AIza-canary-5a61c2d7";

    /** Marks the test field that receives the server. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        Map<String, String> config = new HashMap<>();
        config.put("heartbeat.voices.offline.enabled", "false");
        config.put("heartbeat.check-in-duration", "2s");
        config.put("quarkus.http.test-port", "0");
        config.put("heartbeat.providers.anthropic.enabled", "true");
        config.put("heartbeat.providers.anthropic.base-url", server.baseUrl());
        config.put("heartbeat.providers.anthropic.api-key", ANTHROPIC_CANARY);
        config.put("heartbeat.providers.openai.enabled", "true");
        config.put("heartbeat.providers.openai.base-url", server.baseUrl());
        config.put("OPENAI_API_KEY", OPENAI_CANARY);
        config.put("heartbeat.providers.google.enabled", "true");
        config.put("heartbeat.providers.google.base-url", server.baseUrl());
        config.put("heartbeat.providers.google.model", "gemini-test");
        config.put("GEMINI_API_KEY", GOOGLE_CANARY);
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Server.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
