package org.mallku.heartbeat;

import java.io.PrintWriter;
import java.util.Locale;

import org.jboss.logging.Logger;
import org.mallku.heartbeat.cli.HeartbeatCommandLine;
import org.mallku.heartbeat.config.StartupFailure;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of the packaged application. The command line is read first ({@link HeartbeatCommandLine}): the usage
 * asked for, or a wrong command or option, ends the process before Quarkus starts. Then {@code status} or
 * {@code import [folder]} as first argument, {@code -Dheartbeat.mode} or {@code HEARTBEAT_MODE} pick the mode; the
 * one-shot modes serve no HTTP port and start no scheduler. A start refused for bad configuration prints the problem
 * lines only and exits with code 2.
 */
@QuarkusMain
public class HeartbeatMain {

    public static void main(String... commandLine) {
        var invocation = HeartbeatCommandLine.read(commandLine, new PrintWriter(System.out), new PrintWriter(System.err));
        if (invocation.exit().isPresent()) {
            System.exit(invocation.exit().get());
            return;
        }
        String[] args = invocation.arguments().toArray(String[]::new);
        String mode = modeOf(args);
        if (!"service".equals(mode)) {
            System.setProperty("heartbeat.mode", mode);
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.banner.enabled", "false");
        }
        if ("status".equals(mode) || "import".equals(mode)) {
            // the report owns standard output (scripts pipe --json into jq): logs go to stderr, warnings only
            System.setProperty("quarkus.log.console.stderr", "true");
            System.setProperty("quarkus.log.level", "WARN");
            System.setProperty("quarkus.log.category.\"io.quarkus\".level", "WARN");
        }
        Quarkus.run(HeartbeatApplication.class, HeartbeatMain::exit, args);
    }

    static String modeOf(String... args) {
        if (args.length > 0 && ("status".equals(args[0]) || "import".equals(args[0]))) {
            return args[0];
        }
        String mode = System.getProperty("heartbeat.mode", System.getenv("HEARTBEAT_MODE"));
        return mode == null || mode.isBlank() ? "service" : mode.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Gives a start refused for bad configuration its own exit code and readable lines, then leaves the exit to
     * Quarkus's own handler: it ends the process in production, and in dev mode it keeps the process alive,
     * since every hot reload stops the application and would otherwise end dev mode.
     */
    static void exit(int code, Throwable failure) {
        int exitCode = code;
        if (failure != null) {
            var problems = StartupFailure.describe(failure);
            if (problems.isPresent()) {
                System.err.println(problems.get());
                exitCode = StartupFailure.BAD_CONFIGURATION;
            } else {
                Logger.getLogger(HeartbeatMain.class).error("Failed to start the heartbeat", failure);
            }
        }
        ApplicationLifecycleManager.getDefaultExitCodeHandler().accept(exitCode, failure);
    }
}
