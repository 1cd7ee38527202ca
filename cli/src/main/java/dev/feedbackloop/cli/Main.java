package dev.feedbackloop.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Entry point and composition root of the command line. Accepts both the specification's
 * mode flags ({@code --capture --prompt ...}) and subcommands ({@code capture --prompt ...}).
 */
public final class Main {
    /**
     * Every subcommand, in help order. Registered lazily: a run builds the picocli model of the one
     * command it executes only (reflection over each command's annotations is most of a capture's
     * start-up time otherwise).
     */
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("init", InitCommand::new);
        COMMANDS.put("capture", CaptureCommand::new);
        COMMANDS.put("list", ListCommand::new);
        COMMANDS.put("stats", StatsCommand::new);
        COMMANDS.put("import", ImportCommand::new);
        COMMANDS.put("export", ExportCommand::new);
        COMMANDS.put("generate", GenerateCommand::new);
        COMMANDS.put("analyze", AnalyzeCommand::new);
        COMMANDS.put("report", ReportCommand::new);
        COMMANDS.put("suggest", SuggestCommand::new);
        COMMANDS.put("route", RouteCommand::new);
        COMMANDS.put("enhance", EnhanceCommand::new);
        COMMANDS.put("demo", DemoCommand::new);
    }

    private Main() {
    }

    /** The subcommands' names, in help order. */
    static Set<String> commands() {
        return COMMANDS.keySet();
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line; returns the exit code (see {@link ExitCodes}). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        String[] translated = LegacyArgs.translate(args);
        return commandLine(out, err, translated.length > 0 ? translated[0] : null).execute(translated);
    }

    /** The command line with only {@code subcommand} registered when it names one, else all of them. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String subcommand) {
        CommandLine cl = new CommandLine(new FeedbackCommand());
        if (subcommand != null && COMMANDS.containsKey(subcommand)) {
            cl.addSubcommand(subcommand, COMMANDS.get(subcommand).get());
        } else {
            COMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
        }
        return configure(cl, out, err);
    }

    /** Output, error handling and exit codes of a command line, as every run has them. */
    static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        ExitCodes exitCodes = new ExitCodes();
        cl.setExecutionExceptionHandler(exitCodes);
        cl.setParameterExceptionHandler(exitCodes);
        cl.setExitCodeExceptionMapper(ExitCodes::codeOf);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
