package org.mallku.heartbeat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.mallku.heartbeat.voice.provider.ProviderSpec;

/**
 * Configuration for a packaged-app test that must not see anything of the machine it runs on: its own log
 * folder, and no real provider even when the environment holds a key.
 */
public final class Isolated {

    private Isolated() {
    }

    /** A new, empty log folder under {@code target/}. */
    public static Path logFolder(String name) {
        return Path.of("target", name + "-" + UUID.randomUUID()).toAbsolutePath();
    }

    /** A TCP port that was free a moment ago, for a local server a test starts. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, String> config(Path logFolder, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(extra);
        config.put("heartbeat.log-path", logFolder.toString());
        config.put("heartbeat.secrets-file", logFolder.resolve("no-secrets.json").toString());
        for (ProviderSpec provider : ProviderSpec.values()) {
            config.put("heartbeat.providers." + provider.label() + ".enabled", "false");
        }
        return config;
    }
}
