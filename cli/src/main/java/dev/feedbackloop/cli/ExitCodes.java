package dev.feedbackloop.cli;

import dev.feedbackloop.ConflictException;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.storage.sqlite.NotADatabaseException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place exceptions become exit codes: 0 success, 1 runtime failure (database unusable,
 * network, not enough data), 2 usage or validation error (bad flag or value, invalid input,
 * conflicting feedback_id, a --db file that is not a database). The message goes to stderr; with
 * {@code --json} a problem object also goes to stdout, so machines always get JSON.
 */
final class ExitCodes implements IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    static int codeOf(Throwable t) {
        if (t instanceof InvalidInputException || t instanceof ConflictException
                || t instanceof NotADatabaseException || t instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return FAILURE;
    }

    static String typeOf(Throwable t) {
        if (t instanceof ConflictException) {
            return "conflict";
        }
        if (t instanceof InvalidInputException || t instanceof CommandLine.ParameterException) {
            return "invalid_input";
        }
        if (t instanceof NotADatabaseException) {
            return "not_a_database";
        }
        if (t instanceof dev.feedbackloop.InsufficientDataException) {
            return "insufficient_data";
        }
        if (t instanceof dev.feedbackloop.StorageException) {
            return "storage";
        }
        return "failure";
    }

    /** Bad flags or values: the message, the command's synopsis and where to get help; exit 2. */
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        java.io.PrintWriter err = cl.getErr();
        err.println("error: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.print("Usage: " + cl.getHelp().synopsis(0));
        err.printf("Try '%s --help' for more information.%n", cl.getCommandSpec().qualifiedName());
        if (java.util.Arrays.asList(args).contains("--json")) {
            printProblem(cl, ex, USAGE, ex.getMessage());
        }
        err.flush();
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        int code = codeOf(ex);
        String message = ex.getMessage() != null ? ex.getMessage() : ex.toString();
        cl.getErr().println("error: " + message);
        if (code == FAILURE && !(ex instanceof dev.feedbackloop.FeedbackLoopException)) {
            ex.printStackTrace(cl.getErr());
        }
        if (parsed.hasMatchedOption("--json") || (parsed.subcommand() != null
                && parsed.subcommand().hasMatchedOption("--json"))) {
            printProblem(cl, ex, code, message);
        }
        cl.getErr().flush();
        cl.getOut().flush();
        return code;
    }

    private static void printProblem(CommandLine cl, Throwable ex, int code, String message) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", typeOf(ex));
        problem.put("message", message);
        problem.put("exit_code", code);
        cl.getOut().println(Json.write(Map.of("error", problem)));
        cl.getOut().flush();
    }
}
