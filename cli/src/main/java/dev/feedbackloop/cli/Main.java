package dev.feedbackloop.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point and composition root of the command line. Accepts both the specification's
 * mode flags ({@code --capture --prompt ...}) and subcommands ({@code capture --prompt ...}).
 */
public final class Main {
    private Main() {
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
        return commandLine(out, err).execute(LegacyArgs.translate(args));
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new FeedbackCommand());
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
