package org.mallku.heartbeat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server standing in for a ping service or a webhook receiver: it answers each request with the
 * status {@code answer} picks and keeps every request, with that status, in arrival order.
 */
public final class Receiver {

    /** One request as it arrived: its path, its headers (names in lower case, first value) and body. */
    public record Request(String path, Map<String, String> headers, byte[] body, int status) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** How the receiver answers a request, knowing how many came before it. */
    @FunctionalInterface
    public interface Answer {
        int status(Request request, int earlier);
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private Receiver(Answer answer) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Request asked = new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), e -> e.getValue().get(0))),
                    exchange.getRequestBody().readAllBytes(), 0);
            int status;
            synchronized (requests) {
                status = answer.status(asked, requests.size());
                requests.add(new Request(asked.path(), asked.headers(), asked.body(), status));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public static Receiver start(Answer answer) {
        return new Receiver(answer);
    }

    /** {@code http://127.0.0.1:<port>} */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return requests;
    }

    /** The requests answered 2xx. */
    public List<Request> accepted() {
        return requests.stream().filter(r -> r.status() / 100 == 2).toList();
    }

    public void stop() {
        server.stop(0);
    }
}
