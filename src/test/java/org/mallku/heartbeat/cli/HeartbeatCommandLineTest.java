package org.mallku.heartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mallku.heartbeat.cli.HeartbeatCommandLine.Invocation;
import org.mallku.heartbeat.config.StartupFailure;

/** The command line is read before Quarkus starts: usage, wrong arguments, and the arguments the application gets. */
class HeartbeatCommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Invocation read(String... args) {
        return HeartbeatCommandLine.read(args, new PrintWriter(out), new PrintWriter(err));
    }

    @ParameterizedTest
    @ValueSource(strings = { "--help", "-h", "help" })
    void theUsageAskedForGoesToStandardOutputWithExitZero(String asked) {
        Invocation invocation = read(asked);
        assertEquals(Optional.of(0), invocation.exit());
        assertEquals(HeartbeatCommandLine.usage(), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void theUsageNamesEveryModeCommandOptionAndExitCode() {
        String usage = HeartbeatCommandLine.usage();
        for (String word : List.of("service", "single-pulse", "HEARTBEAT_MODE", "status", "import", "help", "--help",
                "Exit codes:")) {
            assertTrue(usage.contains(word), word + " in\n" + usage);
        }
        for (String code : List.of("0", "1", "2")) {
            assertTrue(usage.lines().anyMatch(line -> line.strip().startsWith(code + " ")), "exit code " + code + " in\n" + usage);
        }
        read("status", "--help");
        assertTrue(out.toString().contains("--json"), out.toString());
        read("help", "import");
        assertTrue(out.toString().contains("FOLDER"), out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "bogus", "statsu", "status --jsn", "--port 1", "status extra", "import a b", "-x" })
    void aWrongCommandOrOptionIsOneLineAndTheUsageOnStandardErrorWithExitTwo(String commandLine) {
        Invocation invocation = read(commandLine.split(" "));
        assertEquals(Optional.of(StartupFailure.BAD_CONFIGURATION), invocation.exit());
        assertEquals(2, invocation.exit().get());
        assertEquals("", out.toString());
        List<String> lines = err.toString().lines().toList();
        assertTrue(lines.get(0).startsWith(HeartbeatCommandLine.NAME + ": "), lines.get(0));
        assertTrue(lines.get(1).startsWith("Usage: "), err.toString());
    }

    @Test
    void aTypoNamesTheNearestCommandOrOption() {
        read("statsu");
        assertTrue(err.toString().lines().findFirst().orElseThrow().contains("status"), err.toString());
        err.getBuffer().setLength(0);
        read("status", "--jsn");
        assertTrue(err.toString().lines().findFirst().orElseThrow().contains("--json"), err.toString());
    }

    @Test
    void theApplicationGetsTheArgumentsItReadsInOneSpelling() {
        assertEquals(List.of(), read().arguments());
        assertEquals(List.of(), read("").arguments()); // as Quarkus' launcher of @Launch without arguments passes it
        assertEquals(List.of("status"), read("status", " ").arguments());
        assertEquals(List.of("status"), read("status").arguments());
        assertEquals(List.of("status", "--json"), read("status", "--json").arguments());
        assertEquals(List.of("status", "--json"), read("status", "--json", "--json").arguments());
        assertEquals(List.of("import"), read("import").arguments());
        assertEquals(List.of("import", "/var/lib/heartbeats"), read("import", "/var/lib/heartbeats").arguments());
        assertEquals(List.of("import", "@old"), read("import", "@old").arguments());
        for (Invocation runs : List.of(read(), read(""), read("status", "--json"), read("import", "x"))) {
            assertEquals(Optional.empty(), runs.exit());
        }
        assertEquals("", out.toString() + err.toString());
    }
}
