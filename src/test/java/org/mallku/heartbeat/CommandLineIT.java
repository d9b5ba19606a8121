package org.mallku.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.cli.HeartbeatCommandLine;
import org.mallku.heartbeat.testing.Isolated;

/**
 * {@code java -jar quarkus-run.jar --help}, {@code help} and a wrong command on the packaged app: the usage, and
 * nothing started. The app is given an HTTP port this test holds: had Quarkus started, it would have stopped on the
 * port in use with exit code 1 and its log lines, instead of the usage alone.
 */
class CommandLineIT {

    record Run(int exitCode, String out, String err) {
    }

    @Test
    void helpPrintsTheUsageOnStandardOutputAndExitsZero() throws Exception {
        for (String asked : List.of("--help", "help")) {
            Run run = run(asked);
            assertEquals(0, run.exitCode(), run.err());
            assertEquals(HeartbeatCommandLine.usage(), run.out());
            assertEquals("", run.err());
        }
    }

    @Test
    void aWrongCommandPrintsOneLineAndTheUsageOnStandardErrorAndExitsTwoWithoutStarting() throws Exception {
        Run run = run("bogus");
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertEquals("", run.out());
        assertEquals(HeartbeatCommandLine.NAME + ": unknown command 'bogus'" + System.lineSeparator()
                + HeartbeatCommandLine.usage(), run.err());

        Run option = run("status", "--jsn");
        assertEquals(2, option.exitCode(), option.out() + option.err());
        assertEquals("", option.out());
        assertTrue(option.err().startsWith(HeartbeatCommandLine.NAME + ": unknown option: '--jsn' (did you mean --json?)"),
                option.err());
    }

    /** The packaged app with {@code args}, its HTTP port held by this test, its records in a folder of its own. */
    private static Run run(String... args) throws IOException, InterruptedException {
        Path folder = Files.createDirectories(Isolated.logFolder("command-line-it"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            Isolated.config(folder, Map.of("quarkus.http.port", String.valueOf(taken.getLocalPort()),
                    "quarkus.http.host", "127.0.0.1"))
                    .forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
            command.addAll(List.of(args));
            Path out = Files.createTempFile(folder, "out", ".txt");
            Path err = Files.createTempFile(folder, "err", ".txt");
            Process app = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!app.waitFor(120, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
                throw new AssertionError("still running: " + Files.readString(out) + Files.readString(err));
            }
            return new Run(app.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        }
    }
}
