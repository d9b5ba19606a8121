package org.mallku.heartbeat.voice.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mallku.heartbeat.circle.Ceremony;
import org.mallku.heartbeat.circle.Convener;
import org.mallku.heartbeat.circle.HeuristicScorer;
import org.mallku.heartbeat.circle.Reply;
import org.mallku.heartbeat.circle.Round;
import org.mallku.heartbeat.circle.Scorer;
import org.mallku.heartbeat.voice.ReplyOutcome;
import org.mallku.heartbeat.voice.TokenUsage;
import org.mallku.heartbeat.voice.VoiceAnswer;
import org.mallku.heartbeat.voice.VoiceRequest;
import org.mallku.heartbeat.voice.keys.ApiKey;
import org.mallku.heartbeat.voice.keys.Redaction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * Each wire format against a WireMock fake: a good reply, 401, model not found (fallback), 429 with Retry-After,
 * 500 then success, a hang past the deadline, malformed JSON, an empty reply and one over the size limit. Each is
 * run through the {@link Convener} as one round (2 s per voice, a 3 s deadline), so the outcome asserted is the
 * one a pulse records, and the round always ends within its deadline.
 */
@QuarkusTest
class ProviderWireTest {

    static final String CANARY = "sk-canary-7c1e5b0f9a";
    static final Duration PER_VOICE = Duration.ofSeconds(2);
    static final Duration DEADLINE = Duration.ofSeconds(3);
    /** Generous slack over a deadline for "cut off in time" on a busy 2-core machine. */
    static final Duration SLACK = Duration.ofMillis(1500);

    static WireMockServer wm;

    @Inject
    ObjectMapper json;
    @Inject
    Scorer scorer;
    @Inject
    Vertx vertx;

    @BeforeAll
    static void start() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
    }

    @AfterAll
    static void stop() {
        wm.stop();
    }

    @BeforeEach
    void reset() {
        wm.resetAll();
    }

    private ProviderChannel channel(WireFake fake, String... models) {
        return channel(fake, URI.create(wm.baseUrl()), models);
    }

    private ProviderChannel channel(WireFake fake, URI base, String... models) {
        ProviderSettings settings = new ProviderSettings(fake.spec, base, List.of(models), 0.8, 256,
                new ApiKey(CANARY, fake.spec.keyVariables().get(0)));
        return new ProviderChannel(settings, json, vertx, Clock.systemUTC(), Duration.ofSeconds(2), Duration.ofSeconds(10),
                new Redaction(List.of(CANARY)));
    }

    /** One round of the Quick Pulse with this voice alone, as the pulse engine runs it. */
    private Reply round(ProviderChannel channel) {
        Round round = new Convener(scorer).convene(UUID.randomUUID(), Ceremony.QUICK_PULSE,
                List.of(new ProviderVoice(channel, channel.currentModel())), PER_VOICE, new CompletableFuture<>()).get(0);
        assertEquals(DEADLINE, round.deadline());
        assertTrue(round.wallTime().compareTo(DEADLINE.plus(SLACK)) < 0, "the round ended in time: " + round.wallTime());
        Reply reply = round.replies().get(0);
        if (reply.error() != null) {
            assertFalse(reply.error().contains(CANARY), "no key in a reason: " + reply.error());
        }
        return reply;
    }

    private static int calls() {
        return wm.findAll(postRequestedFor(anyUrl())).size();
    }

    @ParameterizedTest
    @EnumSource(WireFake.class)
    void aGoodReplyIsHeardWithItsTokenUsage(WireFake fake) {
        wm.stubFor(fake.call("m1").willReturn(okJson(fake.ok("Perhaps the circle is steady today.", 42, 17))));

        Reply reply = round(channel(fake, "m1"));

        assertEquals(ReplyOutcome.OK, reply.outcome(), String.valueOf(reply.error()));
        assertEquals("Perhaps the circle is steady today.", reply.text());
        assertEquals(new TokenUsage(42, 17), reply.usage());
        assertEquals(new HeuristicScorer().score("Perhaps the circle is steady today."), reply.score());
        assertEquals(1, calls());
        switch (fake) {
            case OPENAI -> wm.verify(postRequestedFor(urlEqualTo("/chat/completions"))
                    .withHeader("Authorization", equalTo("Bearer " + CANARY))
                    .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                    .withRequestBody(matchingJsonPath("$.messages[1].role", equalTo("user")))
                    .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("256")))
                    .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.8"))));
            case ANTHROPIC -> wm.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                    .withHeader("x-api-key", equalTo(CANARY))
                    .withHeader("anthropic-version", equalTo("2023-06-01"))
                    .withHeader("Authorization", absent())
                    .withRequestBody(matchingJsonPath("$.system"))
                    .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("256")))
                    .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user"))));
            case GOOGLE -> wm.verify(postRequestedFor(urlEqualTo("/v1beta/models/m1:generateContent"))
                    .withHeader("x-goog-api-key", equalTo(CANARY))
                    .withRequestBody(matchingJsonPath("$.systemInstruction.parts[0].text"))
                    .withRequestBody(matchingJsonPath("$.contents[0].role", equalTo("user")))
                    .withRequestBody(matchingJsonPath("$.generationConfig.maxOutputTokens", equalTo("256"))));
        }
        assertTrue(wm.getAllServeEvents().stream().noneMatch(e -> e.getRequest().getUrl().contains(CANARY)),
                "the key is never in a URL");
    }

    @ParameterizedTest
    @EnumSource(WireFake.class)
    void aRefusedKeyIsAnErrorNamingWhereTheKeyCameFromAndIsNotRetried(WireFake fake) {
        wm.stubFor(fake.call("m1").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody(fake.unauthorized(CANARY))));

        Reply reply = round(channel(fake, "m1"));

        assertEquals(ReplyOutcome.ERROR, reply.outcome());
        assertTrue(reply.error().startsWith("401 unauthorized") && reply.error().contains("check " + fake.spec.keyVariables().get(0)),
                reply.error());
        assertEquals(1, calls(), "401 is not retried");
    }

    @Test
    void geminisBadKeyAnswerIsReadAsARefusedKey() {
        wm.stubFor(WireFake.GOOGLE.call("m1").willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\","
                        + "\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"reason\":\"API_KEY_INVALID\"}]}}")));
        Reply reply = round(channel(WireFake.GOOGLE, "m1"));
        assertEquals(ReplyOutcome.ERROR, reply.outcome());
        assertTrue(reply.error().contains("key not valid") && reply.error().contains("check GOOGLE_API_KEY"), reply.error());
    }

    @ParameterizedTest
    @EnumSource(WireFake.class)
    void anUnknownModelGivesWayToTheNextFallbackModel(WireFake fake) {
        wm.stubFor(fake.call("retired").willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody(fake.modelNotFound("retired"))));
        wm.stubFor(fake.call("current").willReturn(okJson(fake.ok("The fallback speaks.", 10, 5))));
        ProviderChannel channel = channel(fake, "retired", "current");

        Reply reply = round(channel);

        assertEquals(ReplyOutcome.OK, reply.outcome(), String.valueOf(reply.error()));
        assertEquals("The fallback speaks.", reply.text());
        assertEquals(2, calls());
        assertEquals("current", channel.currentModel(), "later pulses ask the model that answered");

        round(channel);
        assertEquals(3, calls(), "the retired model is not asked again");
    }

    @ParameterizedTest
    @EnumSource(WireFake.class)
    void anUnknownModelWithoutFallbackIsAnErrorThatSaysWhatToSet(WireFake fake) {
        wm.stubFor(fake.call("retired").willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody(fake.modelNotFound("retired"))));
        Reply reply = round(channel(fake, "retired"));
        assertEquals(ReplyOutcome.ERROR, reply.outcome());
        assertTrue(reply.error().startsWith("404 model not found: retired")
                && reply.error().contains("heartbeat.providers." + fake.spec.label() + ".model"), reply.error());
        assertEquals(1, calls());
    }

    @ParameterizedTest
    @EnumSource(WireFake.class)
    void aRateLimitIsRetriedAfterTheProvidersRetryAfter(WireFake fake) {
        wm.stubFor(fake.call("m1").inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("free"));
        wm.stubFor(fake.call("m1").inScenario("limited").whenScenarioStateIs("free")
                .willReturn(okJson(fake.ok("After a pause.", 3, 4))));

        Reply reply = round(channel(fake, "m1"));

        assertEquals(ReplyOutcome.OK, reply.outcome(), String.valueOf(reply.error()));
        List<ServeEvent> events = wm.getAllServeEvents();
        assertEquals(2, events.size());
        long gap = Math.abs(events.get(0).getRequest().getLoggedDate().getTime() - events.get(1).getRequest().getLoggedDate().getTime());
        assertTrue(gap >= 900, "Retry-After: 1 was honoured, gap " + gap + " ms");
    }

    @ParameterizedTest
    @EnumSource(WireFake.class)
    void aRateLimitWhoseRetryAfterIsPastTheDeadlineIsRecordedNotAwaited(WireFake fake) {
        wm.stubFor(fake.call("m1").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

        Reply reply = round(channel(fake, "m1"));

        assertEquals(ReplyOutcome.RATE_LIMITED, reply.outcome());
        assertTrue(reply.error().contains("429") && reply.error().contains("past the round deadline"), reply.error());
        assertTrue(reply.latency().compareTo(Duration.ofSeconds(2)) < 0, "not awaited: " + reply.latency());
        assertEquals(1, calls());
    }

    @ParameterizedTest
    @EnumSource(WireFake.class)
    void aServerErrorIsRetriedThenSucceeds(WireFake fake) {
        wm.stubFor(fake.call("m1").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withBody("upstream exploded " + CANARY)).willSetStateTo("ok"));
        wm.stubFor(fake.call("m1").inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(okJson(fake.ok("Second time lucky.", 8, 9))));

        Reply reply = round(channel(fake, "m1"));

        assertEquals(ReplyOutcome.OK, reply.outcome(), String.valueOf(reply.error()));
        assertEquals(2, calls(), "one call plus one retry");
    }

    @ParameterizedTest
    @EnumSource(WireFake.class)
    void persistentServerErrorsStopAfterTheAllowedRetries(WireFake fake) {
        wm.stubFor(fake.call("m1").willReturn(aResponse().withStatus(503)));

        Reply reply = round(channel(fake, "m1"));

        assertEquals(ReplyOutcome.ERROR, reply.outcome());
        assertTrue(reply.error().startsWith("503 server error from " + fake.spec.label()), reply.error());
        assertEquals(1 + ProviderChannel.MAX_RETRIES, calls());
    }

    @ParameterizedTest
    @EnumSource(WireFake.class)
    void aHangPastTheDeadlineIsCutOffInTime(WireFake fake) {
        wm.stubFor(fake.call("m1").willReturn(okJson(fake.ok("Too late.", 1, 1)).withFixedDelay(20_000)));

        Reply reply = round(channel(fake, "m1"));

        assertEquals(ReplyOutcome.TIMEOUT, reply.outcome());
        assertNull(reply.text());
        assertTrue(reply.latency().compareTo(DEADLINE.plus(SLACK)) < 0, reply.latency().toString());
        assertEquals(1, calls(), "a timeout is not retried");
    }

    @ParameterizedTest
    @EnumSource(WireFake.class)
    void malformedJsonIsAnErrorThatDoesNotQuoteTheBody(WireFake fake) {
        wm.stubFor(fake.call("m1").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"choices\": [ {\"message\": " + CANARY)));

        Reply reply = round(channel(fake, "m1"));

        assertEquals(ReplyOutcome.ERROR, reply.outcome());
        assertTrue(reply.error().contains("malformed JSON"), reply.error());
        assertEquals(1, calls());
    }

    @ParameterizedTest
    @EnumSource(WireFake.class)
    void anEmptyReplyIsAnError(WireFake fake) {
        wm.stubFor(fake.call("m1").willReturn(okJson(fake.empty())));

        Reply reply = round(channel(fake, "m1"));

        assertEquals(ReplyOutcome.ERROR, reply.outcome());
        assertTrue(reply.error().contains("answered without"), reply.error());
    }

    @ParameterizedTest
    @EnumSource(WireFake.class)
    void aReplyOverTheSizeLimitIsRefused(WireFake fake) {
        String huge = "x".repeat(ProviderChannel.MAX_REPLY_BYTES + 1_000);
        wm.stubFor(fake.call("m1").willReturn(okJson(fake.ok(huge, 1, 1))));

        Reply reply = round(channel(fake, "m1"));

        assertEquals(ReplyOutcome.ERROR, reply.outcome());
        assertTrue(reply.error().contains("over the " + ProviderChannel.MAX_REPLY_BYTES + "-byte limit"), reply.error());
    }

    @Test
    void anEndlessChunkedReplyIsCutOffAtTheLimitWhileItStreams() throws Exception {
        ExecutorService server = Executors.newSingleThreadExecutor();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // a provider that answers 200 without Content-Length and never stops sending; reports what it sent
            Future<Long> sent = server.submit(() -> {
                long bytes = 0;
                try (Socket client = socket.accept()) {
                    client.getInputStream().read(new byte[8192]);
                    OutputStream out = client.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    while (bytes < 4L * 1024 * 1024 * 1024) {
                        out.write(chunk);
                        bytes += chunk.length;
                    }
                } catch (IOException closedByTheClient) {
                    return bytes;
                }
                return bytes;
            });

            Reply reply = round(channel(WireFake.OPENAI, URI.create("http://127.0.0.1:" + socket.getLocalPort()), "m1"));

            assertEquals(ReplyOutcome.ERROR, reply.outcome(), String.valueOf(reply.error()));
            assertTrue(reply.error().contains("over the " + ProviderChannel.MAX_REPLY_BYTES + "-byte limit"), reply.error());
            long written = sent.get(10, TimeUnit.SECONDS);
            assertTrue(written < 64L * 1024 * 1024, "the connection was closed soon after the limit: " + written + " bytes sent");
        } finally {
            server.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(WireFake.class)
    void repeatedFailuresOpenTheCircuitAndLaterRequestsAreNotSent(WireFake fake) {
        wm.stubFor(fake.call("m1").willReturn(aResponse().withStatus(401).withBody(fake.unauthorized(CANARY))));
        ProviderChannel channel = channel(fake, "m1");

        for (int i = 0; i < ProviderChannel.CIRCUIT_THRESHOLD; i++) {
            assertEquals(ReplyOutcome.ERROR, round(channel).outcome());
        }
        assertFalse(channel.admits(), "the provider is skipped");
        Reply skipped = round(channel);

        assertEquals(ReplyOutcome.CIRCUIT_OPEN, skipped.outcome());
        assertTrue(skipped.error().contains("circuit open"), skipped.error());
        assertEquals(ProviderChannel.CIRCUIT_THRESHOLD, calls(), "nothing sent while the circuit is open");
    }

    /** After the open time one probe goes: a failed one opens the circuit again, a good one closes it. */
    @Test
    void anOpenCircuitProbesOnceAndClosesWhenTheProbeSucceeds() throws InterruptedException {
        WireFake fake = WireFake.OPENAI;
        wm.stubFor(fake.call("m1").willReturn(aResponse().withStatus(401).withBody(fake.unauthorized(CANARY))));
        ProviderSettings settings = new ProviderSettings(ProviderSpec.OPENAI, URI.create(wm.baseUrl()), List.of("m1"), 0.8,
                256, new ApiKey(CANARY, "OPENAI_API_KEY"));
        Duration openFor = Duration.ofMillis(400);
        ProviderChannel channel = new ProviderChannel(settings, json, vertx, Clock.systemUTC(), Duration.ofSeconds(2),
                Duration.ofSeconds(10), new Redaction(List.of(CANARY)), openFor);
        for (int i = 0; i < ProviderChannel.CIRCUIT_THRESHOLD; i++) {
            round(channel);
        }
        assertFalse(channel.admits());
        assertTrue(channel.whyOpen().startsWith("openai circuit open after 3 failed requests in a row (last: 401"),
                channel.whyOpen());

        Thread.sleep(openFor.toMillis() + 100);
        assertTrue(channel.admits(), "time for the probe");
        assertEquals(ReplyOutcome.ERROR, round(channel).outcome(), "the probe is sent, and refused");
        assertEquals(ProviderChannel.CIRCUIT_THRESHOLD + 1, calls());
        assertFalse(channel.admits(), "a failed probe opens the circuit again");
        assertEquals(ReplyOutcome.CIRCUIT_OPEN, round(channel).outcome());
        assertEquals(ProviderChannel.CIRCUIT_THRESHOLD + 1, calls(), "nothing sent while open");

        wm.stubFor(fake.call("m1").willReturn(okJson(fake.ok("Back again.", 3, 2))));
        Thread.sleep(openFor.toMillis() + 100);
        assertEquals(ReplyOutcome.OK, round(channel).outcome(), "the probe is sent, and answered");
        assertTrue(channel.admits() && !channel.circuitOpen(), "a good probe closes the circuit");
        assertEquals(ReplyOutcome.OK, round(channel).outcome());
    }

    @Test
    void aLocalServerWithoutAKeyIsAskedWithoutAuthorization() {
        wm.stubFor(WireFake.OPENAI.call("llama3.2").willReturn(okJson(WireFake.OPENAI.ok("Local and steady.", 7, 3))));
        ProviderSettings settings = new ProviderSettings(ProviderSpec.LOCAL, URI.create(wm.baseUrl()), List.of("llama3.2"), 0.8,
                256, null);
        ProviderChannel local = new ProviderChannel(settings, json, vertx, Clock.systemUTC(), Duration.ofSeconds(2),
                Duration.ofSeconds(10), new Redaction(List.of()));

        Reply reply = round(local);

        assertEquals(ReplyOutcome.OK, reply.outcome(), String.valueOf(reply.error()));
        assertEquals("local", reply.voice().provider());
        wm.verify(postRequestedFor(urlEqualTo("/chat/completions")).withHeader("Authorization", absent()));
    }

    @Test
    void aProviderThatCannotBeReachedIsAnErrorAfterRetries() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Reply reply = round(channel(WireFake.OPENAI, URI.create("http://127.0.0.1:" + closedPort), "m1"));
        assertEquals(ReplyOutcome.ERROR, reply.outcome());
        assertTrue(reply.error().startsWith("cannot connect to openai at 127.0.0.1:" + closedPort), reply.error());
    }

    @Test
    void cancellingTheAnswerCancelsTheHttpCall() throws Exception {
        ExecutorService server = Executors.newSingleThreadExecutor();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // a provider that reads the request and never answers, then reports when the client hangs up
            CountDownLatch asked = new CountDownLatch(1);
            Future<Boolean> hungUp = server.submit(() -> {
                try (Socket client = socket.accept(); InputStream in = client.getInputStream()) {
                    client.setSoTimeout(20_000);
                    byte[] buffer = new byte[8192];
                    while (in.read(buffer) >= 0) {
                        asked.countDown();
                        // drain until the client closes the connection
                    }
                    return true;
                }
            });
            ProviderChannel channel = channel(WireFake.OPENAI, URI.create("http://127.0.0.1:" + socket.getLocalPort()), "m1");
            CompletableFuture<VoiceAnswer> answer = channel.ask(WireFake.OPENAI.spec.archetype(),
                    new VoiceRequest(UUID.randomUUID(), 0, "Anyone there?", List.of(), Duration.ofSeconds(30)), "m1")
                    .toCompletableFuture();
            assertTrue(asked.await(10, TimeUnit.SECONDS), "the request reached the provider");
            assertFalse(answer.isDone(), "still waiting on the silent provider");

            assertTrue(answer.cancel(true));

            assertDoesNotThrow(() -> hungUp.get(10, TimeUnit.SECONDS), "the HTTP connection was closed by the cancel");
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void theConnectionOpenedWhenTheCircleIsKnownCarriesTheFirstRequestAndNothingBefore() throws Exception {
        try (ServerSocket provider = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            provider.setSoTimeout(10_000);
            ProviderChannel channel = channel(WireFake.OPENAI, URI.create("http://127.0.0.1:" + provider.getLocalPort()), "m1");

            channel.prepare();

            try (Socket early = provider.accept()) {
                InputStream in = early.getInputStream();
                early.setSoTimeout(300);
                assertThrows(SocketTimeoutException.class, () -> in.read(), "a connection is not a call: nothing sent yet");
                CompletableFuture<VoiceAnswer> answer = channel.ask(WireFake.OPENAI.spec.archetype(),
                        new VoiceRequest(UUID.randomUUID(), 0, "Who is here?", List.of(), Duration.ofSeconds(10)), "m1")
                        .toCompletableFuture();
                early.setSoTimeout(10_000);
                String request = readRequest(in);
                assertTrue(request.startsWith("POST /chat/completions HTTP/1.1\r\n"), request);
                assertTrue(request.contains("Authorization: Bearer " + CANARY), "the request's own headers are sent");
                answer(early, "Here, on the early connection.");

                VoiceAnswer heard = answer.get(10, TimeUnit.SECONDS);
                assertEquals("Here, on the early connection.", heard.text());
                assertNotNull(heard.latency(), "a provider voice measures its own request");
                provider.setSoTimeout(300);
                assertThrows(SocketTimeoutException.class, provider::accept, "no second connection was opened");
            }
        }
    }

    @Test
    void anEarlyConnectionTheProviderClosedIsNotUsed() throws Exception {
        try (ServerSocket provider = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            provider.setSoTimeout(10_000);
            ProviderChannel channel = channel(WireFake.OPENAI, URI.create("http://127.0.0.1:" + provider.getLocalPort()), "m1");
            channel.prepare();
            provider.accept().close(); // a server that drops idle connections at once
            Thread.sleep(300); // the client sees the close

            CompletableFuture<VoiceAnswer> answer = channel.ask(WireFake.OPENAI.spec.archetype(),
                    new VoiceRequest(UUID.randomUUID(), 0, "Still there?", List.of(), Duration.ofSeconds(10)), "m1")
                    .toCompletableFuture();

            try (Socket fresh = provider.accept()) {
                InputStream in = fresh.getInputStream();
                assertTrue(readRequest(in).startsWith("POST /chat/completions HTTP/1.1\r\n"));
                answer(fresh, "Here, on a new connection.");
                assertEquals("Here, on a new connection.", answer.get(10, TimeUnit.SECONDS).text());
            }
        }
    }

    /** Answers on {@code socket} as OpenAI does, with {@code text} as the reply. */
    private static void answer(Socket socket, String text) throws IOException {
        byte[] body = WireFake.OPENAI.ok(text, 5, 6).getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** One HTTP/1.1 request as text: its head, and its body by Content-Length. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed in the request head: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length = text.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).strip())).findFirst().orElse(0);
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
