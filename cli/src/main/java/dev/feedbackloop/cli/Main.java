package dev.feedbackloop.cli;

import dev.feedbackloop.InvalidInputException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        COMMANDS.put("capture", () -> new CaptureCommand().spec());
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
        COMMANDS.put("backup", BackupCommand::new);
        COMMANDS.put("restore", RestoreCommand::new);
        COMMANDS.put("verify", VerifyCommand::new);
        COMMANDS.put("migrate", MigrateCommand::new);
        COMMANDS.put("delete", DeleteCommand::new);
        COMMANDS.put("purge", PurgeCommand::new);
        COMMANDS.put("audit", AuditCommand::new);
        COMMANDS.put("masking", MaskingCommand::new);
        COMMANDS.put("demo", DemoCommand::new);
        COMMANDS.put("serve", ServeCommand::new);
        COMMANDS.put("keys", KeysCommand::new);
        COMMANDS.put("review", ReviewCommand::new);
        COMMANDS.put("alerts", AlertsCommand::new);
    }

    private Main() {
    }

    /** The subcommands' names, in help order. */
    static Set<String> commands() {
        return COMMANDS.keySet();
    }

    /**
     * Standard output and error are UTF-8 whatever the locale (JSON must be, and a terminal set to
     * another charset is rarer than a cron job or container without a locale, where the JVM would
     * print every non-ASCII character as '?'); arguments are decoded as UTF-8 too ({@link Arguments}).
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        int code;
        try {
            code = run(Arguments.decode(args), out, err);
        } catch (InvalidInputException e) {
            err.println("error: " + e.getMessage());
            if (Arrays.asList(args).contains("--json")) {
                out.println(ExitCodes.problem(e, ExitCodes.USAGE, e.getMessage()));
            }
            code = ExitCodes.USAGE;
        }
        out.flush();
        if (out.checkError()) {
            // the output (a key shown once, a listing) did not reach its destination: say so, never exit 0
            err.println("error: standard output could not be written (disk full, or a closed pipe)");
            code = code == ExitCodes.OK ? ExitCodes.FAILURE : code;
        }
        err.flush();
        System.exit(code);
    }

    /**
     * Runs one command line; returns the exit code (see {@link ExitCodes}). With {@code --json}
     * standard output is held back until the command ends ({@link JsonOutput}); otherwise both
     * streams escape control characters ({@link SafeText}).
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        String[] translated = LegacyArgs.translate(args);
        boolean json = Arrays.asList(translated).contains("--json");
        PrintWriter safeErr = new PrintWriter(new SafeText(err), true);
        PrintWriter cmdOut = json ? new JsonOutput() : new PrintWriter(new SafeText(out), true);
        String first = translated.length > 0 ? translated[0] : null;
        int code;
        if (first != null && !first.startsWith("-") && !COMMANDS.containsKey(first)) {
            code = unknownCommand(first, cmdOut, safeErr);
        } else {
            code = commandLine(cmdOut, safeErr, first).execute(translated);
        }
        if (cmdOut instanceof JsonOutput) {
            ((JsonOutput) cmdOut).release(out);
        }
        cmdOut.flush();
        safeErr.flush();
        return code;
    }

    /** {@code feedback alerts --help}: says the command is unknown (and the closest known ones); exit 2. */
    private static int unknownCommand(String name, PrintWriter out, PrintWriter err) {
        CommandLine root = commandLine(out, err, null);
        return new ExitCodes().handleParseException(new ExitCodes.UnknownCommand(root, name), new String[] {name});
    }

    /** The command line with only {@code subcommand} registered when it names one, else all of them. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String subcommand) {
        CommandLine cl = new CommandLine(new FeedbackCommand().spec());
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
        // "--prompt @secret.txt" must store that text, not the contents of any file the process can
        // read; long texts come in through --prompt-file / --output-file instead
        cl.setExpandAtFiles(false);
        return cl;
    }
}
