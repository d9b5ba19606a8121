package org.mallku.heartbeat.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.mallku.heartbeat.config.ConfigNames;
import org.mallku.heartbeat.config.StartupFailure;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line of the packaged application, read before Quarkus starts: {@code --help}, {@code -h} and
 * {@code help} print the usage and exit 0; an unknown command, option or argument prints one line and the usage on
 * standard error and exits 2, without starting anything. Otherwise the application runs with the arguments in their
 * one spelling ({@code status [--json]}, {@code import [folder]} or none). Picocli reads the annotations below; the
 * Quarkus picocli extension registers these classes for the native image.
 */
@Command(name = HeartbeatCommandLine.NAME, synopsisSubcommandLabel = "[COMMAND]", usageHelpWidth = 100,
        subcommands = { HeartbeatCommandLine.Status.class, HeartbeatCommandLine.Import.class, HelpCommand.class },
        descriptionHeading = "%n",
        description = {
                "Mallku heartbeat: convenes a circle of AI voices on a rhythm, scores their replies, keeps every pulse.",
                "Without a command it runs in the mode that HEARTBEAT_MODE (or -Dheartbeat.mode) names:",
                "  service       the default: pulses on the rhythm and serves HTTP (port 8080) until stopped",
                "  single-pulse  one pulse, recorded, then exit (a Kubernetes CronJob)" },
        optionListHeading = "%nOptions:%n", commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:done: the service stopped; single-pulse: a pulse with a result (an alert too) or none needed;"
                        + " status: up; import: every readable record copied; help",
                "1:single-pulse: the pulse failed; status: late, or no pulse yet (new); import: some records could"
                        + " not be read; any mode: an unexpected error (such as the HTTP port in use)",
                "2:a bad configuration, command or option; status: failing or down; import: the store is not"
                        + " PostgreSQL or there is no such folder" },
        footerHeading = "%n",
        footer = "Settings are environment variables or -D properties (HEARTBEAT_LOG_PATH, HEARTBEAT_STORE, ...): see the README.")
public final class HeartbeatCommandLine {

    /** How the usage names the program: the way the README and the deployment notes run it. */
    public static final String NAME = "java -jar quarkus-run.jar";

    /** Exit code of an unknown command, option or argument: the code of any other bad configuration. */
    public static final int USAGE_ERROR = StartupFailure.BAD_CONFIGURATION;

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Print this usage and exit.")
    boolean help;

    /** {@code status [--json]}: the application reads {@code --json} among its arguments. */
    @Command(name = "status", usageHelpWidth = 100,
            description = "Print how the heartbeat is, from the log folder (HEARTBEAT_LOG_PATH) or the database,"
                    + " then exit. No HTTP port is opened.",
            descriptionHeading = "%n", optionListHeading = "%nOptions:%n", exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = { "0:up", "1:late, or no pulse yet (new)", "2:failing or down; a bad configuration or option" })
    static final class Status {

        @Option(names = "--json", description = "Print the report as JSON (logs go to standard error).")
        boolean json;

        @Option(names = { "-h", "--help" }, usageHelp = true, description = "Print this usage and exit.")
        boolean help;
    }

    /** {@code import [folder]}: the application reads the folder as its second argument. */
    @Command(name = "import", usageHelpWidth = 100,
            description = "Copy a log folder into the PostgreSQL store (HEARTBEAT_STORE=postgresql), then exit."
                    + " Running it again adds nothing twice.",
            descriptionHeading = "%n", parameterListHeading = "%nArguments:%n", optionListHeading = "%nOptions:%n",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = { "0:every readable record is in the database", "1:some records could not be read",
                    "2:the store is not PostgreSQL, no such folder, or a bad configuration or option" })
    static final class Import {

        @Parameters(arity = "0..1", paramLabel = "FOLDER",
                description = "The log folder to copy; by default heartbeat.log-path (HEARTBEAT_LOG_PATH).")
        String folder;

        @Option(names = { "-h", "--help" }, usageHelp = true, description = "Print this usage and exit.")
        boolean help;
    }

    private HeartbeatCommandLine() {
    }

    /**
     * What the process does with its arguments: exit at once with {@link #exit}, the usage already printed, or run
     * the application with {@link #arguments}, the same arguments in the one spelling it reads (the command first,
     * then {@code --json} or the folder; none for the modes).
     */
    public record Invocation(Optional<Integer> exit, List<String> arguments) {
    }

    /** Reads {@code args}: the usage goes to {@code out} when asked for, an error and the usage to {@code err}. */
    public static Invocation read(String[] commandLine, PrintWriter out, PrintWriter err) {
        // an empty argument says nothing: a wrapper's unset "$ARGS", or Quarkus' test launcher, pass one
        String[] args = Arrays.stream(commandLine).filter(arg -> !arg.isBlank()).toArray(String[]::new);
        if (args.length == 0) { // the service and single-pulse: nothing to read, and picocli's model costs a cold JVM ~0.1-0.2 s
            return new Invocation(Optional.empty(), List.of());
        }
        CommandLine line = commandLine(out, err);
        try {
            ParseResult parsed = line.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                return new Invocation(Optional.of(CommandLine.ExitCode.OK), List.of());
            }
            return new Invocation(Optional.empty(), arguments(parsed));
        } catch (ParameterException wrong) {
            err.println(problem(wrong));
            wrong.getCommandLine().usage(err);
            return new Invocation(Optional.of(USAGE_ERROR), List.of());
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static List<String> arguments(ParseResult parsed) {
        if (!parsed.hasSubcommand()) {
            return List.of();
        }
        ParseResult command = parsed.subcommand();
        List<String> arguments = new ArrayList<>(List.of(command.commandSpec().name()));
        if (command.commandSpec().userObject() instanceof Status status && status.json) {
            arguments.add("--json");
        } else if (command.commandSpec().userObject() instanceof Import copy && copy.folder != null) {
            arguments.add(copy.folder);
        }
        return List.copyOf(arguments);
    }

    /** The usage, as {@code --help} prints it. */
    public static String usage() {
        return new CommandLine(new HeartbeatCommandLine()).getUsageMessage();
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new HeartbeatCommandLine());
        line.setExpandAtFiles(false); // "@name" is a folder name like any other, not a file of arguments
        line.setOverwrittenOptionsAllowed(true); // status --json --json, as before
        line.setOut(out);
        line.setErr(err);
        return line;
    }

    /** One line: what was wrong, and the nearest command or option when one is near (a typo). */
    private static String problem(ParameterException wrong) {
        String said = wrong.getMessage().strip();
        String message = Character.toLowerCase(said.charAt(0)) + said.substring(1, said.endsWith(".") ? said.length() - 1 : said.length());
        if (wrong instanceof UnmatchedArgumentException unmatched) {
            List<String> arguments = unmatched.getUnmatched();
            boolean command = !arguments.isEmpty() && !arguments.get(0).startsWith("-")
                    && !wrong.getCommandLine().getSubcommands().isEmpty() && !wrong.getCommandLine().getParseResult().hasSubcommand();
            if (command) {
                message = "unknown command '" + arguments.get(0) + "'";
            } else if (!unmatched.isUnknownOption()) {
                message = "unexpected argument" + (arguments.size() == 1 ? " '" : "s '") + String.join("' '", arguments) + "'";
            }
            List<String> near = unmatched.getSuggestions().stream()
                    .filter(suggestion -> !arguments.isEmpty() && ConfigNames.distance(arguments.get(0), suggestion) <= 2).toList();
            if (!near.isEmpty()) {
                message += " (did you mean " + String.join(" or ", near) + "?)";
            }
        }
        return NAME + ": " + message;
    }

}
