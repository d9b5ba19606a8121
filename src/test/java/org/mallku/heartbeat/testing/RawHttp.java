package org.mallku.heartbeat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 request with the exact bytes of its request line, as an attacker sends it: HTTP clients normalise
 * some path spellings ({@code /./}, {@code //}, {@code %3B}) before sending.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** A response: its status, headers (names in lower case) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public boolean html() {
            String type = header("content-type");
            return type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html");
        }
    }

    /** Sends {@code method path} with an optional {@code Authorization} header and no body, reads the answer whole. */
    public static Answer send(int port, String method, String path, String authorization) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            String request = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + ("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method) ? "Content-Length: 0\r\n" : "")
                    + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = answer.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                throw new IllegalStateException(method + " " + path + ": no complete answer: " + answer);
            }
            String[] lines = answer.substring(0, headEnd).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, answer.substring(headEnd + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        }
    }
}
