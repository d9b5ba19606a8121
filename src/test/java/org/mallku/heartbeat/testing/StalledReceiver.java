package org.mallku.heartbeat.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A receiver stuck halfway, on a raw socket: it reads each request in full, answers the status line and headers
 * of a 200 with a {@code Content-Length} of 100, and never sends the body, holding the connection open until the
 * client gives up (or {@link #close()}). It counts the requests and the connections the client has closed.
 */
public final class StalledReceiver implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger released = new AtomicInteger();

    private StalledReceiver() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start("stalled-receiver-accept", this::accept);
    }

    public static StalledReceiver start() {
        return new StalledReceiver();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String base() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The bodies of the requests read in full (and answered with headers only), in arrival order. */
    public List<String> bodies() {
        return bodies;
    }

    public int requests() {
        return bodies.size();
    }

    /** Connections the client closed (read at end of stream or reset), not counting those {@link #close()} closed. */
    public int released() {
        return released.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                start("stalled-receiver-connection", () -> stall(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void stall(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            int length = contentLength(head(in));
            bodies.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
            socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            while (in.read() >= 0) {
                // the body never comes; wait for the client to hang up
            }
            released.incrementAndGet();
        } catch (IOException e) {
            if (!server.isClosed()) {
                released.incrementAndGet(); // reset by the client
            }
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static int contentLength(String head) {
        return head.lines().map(line -> line.toLowerCase(Locale.ROOT))
                .filter(line -> line.startsWith("content-length:"))
                .map(line -> Integer.parseInt(line.substring("content-length:".length()).strip()))
                .findFirst().orElse(0);
    }

    private void start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /** Closes the server socket and every connection, and waits for their threads. */
    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        for (Thread thread : threads) {
            thread.join(5_000);
        }
    }
}
