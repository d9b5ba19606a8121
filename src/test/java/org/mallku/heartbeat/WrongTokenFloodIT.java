package org.mallku.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.testing.Isolated;

/**
 * The packaged app with the heap a Kubernetes limit gives (-Xmx256m), flooded for 15 s by 60 clients that each
 * announce and send a 9.9 MB body to {@code POST /heartbeat/pulses} with a wrong token. Every one is refused
 * before its body is read, so the heap stays small: liveness answers throughout, pulses go on, and no
 * OutOfMemoryError is logged.
 */
class WrongTokenFloodIT {

    static final int CLIENTS = 60;
    static final int BODY_BYTES = 9_900_000;
    static final Duration FLOOD = Duration.ofSeconds(15);

    @Test
    void largeBodiesWithAWrongTokenDoNotStopTheHeartbeat() throws Exception {
        int port = Isolated.freePort();
        Path folder = Isolated.logFolder("flood-it");
        Path output = folder.resolveSibling(folder.getFileName() + ".out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        Isolated.config(folder, Map.of("quarkus.http.port", String.valueOf(port),
                "heartbeat.api.token", "the-right-token-4b1d",
                "heartbeat.voices.offline.enabled", "true",
                "heartbeat.daily-pulse.enabled", "false",
                "heartbeat.pulse-interval", "2s",
                "heartbeat.check-in-duration", "1s"))
                .forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        try {
            awaitStarted(http, port);
            long before = records(http, port);

            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            AtomicInteger refused = new AtomicInteger();
            Instant end = Instant.now().plus(FLOOD);
            for (int i = 0; i < CLIENTS; i++) {
                clients.execute(() -> {
                    while (Instant.now().isBefore(end)) {
                        if (floodOnce(port)) {
                            refused.incrementAndGet();
                        }
                    }
                });
            }
            int live = 0;
            int probes = 0;
            while (Instant.now().isBefore(end)) {
                probes++;
                if (status(http, port, "/health/live") == 200) {
                    live++;
                }
                Thread.sleep(1000);
            }
            clients.shutdown();
            assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS), "the clients finished");

            String log = Files.readString(output);
            assertTrue(app.isAlive(), "the app is running:\n" + log);
            assertEquals(probes, live, "liveness answered 200 throughout the flood");
            assertTrue(refused.get() >= CLIENTS, "the flood was refused with 401s: " + refused.get());
            long pulses = records(http, port) - before;
            assertTrue(pulses >= 3, "pulses went on during the flood: " + pulses);
            assertFalse(log.contains("OutOfMemoryError"), log);
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** One client: headers announcing the large body, then the body until the server closes; true on a 401. */
    private static boolean floodOnce(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /heartbeat/pulses HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer wrong\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + BODY_BYTES + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            try {
                for (int sent = 0; sent < BODY_BYTES; sent += chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, BODY_BYTES - sent));
                }
            } catch (IOException closedByTheServer) {
                // expected: the refusal closes the connection
            }
            InputStream in = socket.getInputStream();
            byte[] status = in.readNBytes(12);
            return new String(status, StandardCharsets.US_ASCII).equals("HTTP/1.1 401");
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitStarted(HttpClient http, int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (status(http, port, "/health/started") != 200) {
            assertTrue(Instant.now().isBefore(deadline), "the app started");
            Thread.sleep(200);
        }
    }

    private static long records(HttpClient http, int port) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/heartbeat")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher records = Pattern.compile("\"records\":(\\d+)").matcher(body);
        assertTrue(records.find(), body);
        return Long.parseLong(records.group(1));
    }

    private static int status(HttpClient http, int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
