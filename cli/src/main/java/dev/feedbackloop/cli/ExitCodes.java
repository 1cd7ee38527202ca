package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.ErrorKind;
import dev.feedbackloop.FeedbackLoopException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** The exit code of each kind of failure: the command line's half of the one error taxonomy. */
    private static final Map<ErrorKind, Integer> CODES = new EnumMap<>(Map.ofEntries(
            Map.entry(ErrorKind.INVALID_INPUT, USAGE),
            Map.entry(ErrorKind.CONFLICT, USAGE),
            Map.entry(ErrorKind.NOT_FOUND, USAGE),
            Map.entry(ErrorKind.FORBIDDEN, USAGE),
            Map.entry(ErrorKind.NOT_A_DATABASE, USAGE),
            Map.entry(ErrorKind.INCOMPATIBLE_SCHEMA, USAGE),
            Map.entry(ErrorKind.INSUFFICIENT_DATA, FAILURE),
            Map.entry(ErrorKind.DISK_FULL, FAILURE),
            Map.entry(ErrorKind.STORAGE, FAILURE),
            Map.entry(ErrorKind.UNAVAILABLE, FAILURE),
            Map.entry(ErrorKind.FAILURE, FAILURE)));

    /** Every kind has its exit code (a kind added to the taxonomy must be added here). */
    static boolean coversEveryKind() {
        return CODES.keySet().containsAll(java.util.EnumSet.allOf(ErrorKind.class));
    }

    static ErrorKind kindOf(Throwable t) {
        if (t instanceof CommandLine.ParameterException) {
            return ErrorKind.INVALID_INPUT;
        }
        return t instanceof FeedbackLoopException ? ((FeedbackLoopException) t).kind() : ErrorKind.FAILURE;
    }

    static int codeOf(Throwable t) {
        return CODES.get(kindOf(t));
    }

    static String typeOf(Throwable t) {
        return kindOf(t).type();
    }

    /** A first argument that names no command. */
    static final class UnknownCommand extends CommandLine.ParameterException {
        private static final long serialVersionUID = 1L;
        private final String name;

        UnknownCommand(CommandLine root, String name) {
            super(root, "unknown command '" + name + "'");
            this.name = name;
        }
    }

    /**
     * Bad flags or values: the message, the closest known option or command, the command's synopsis
     * and where to get help; exit 2. An unknown option is named even when a required option is also
     * missing ({@code --promt x} says '--promt' is unknown and suggests --prompt, rather than "missing
     * --prompt").
     */
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        java.io.PrintWriter err = cl.getErr();
        if (ex instanceof UnknownCommand) {
            ex = new CommandLine.UnmatchedArgumentException(cl, List.of(((UnknownCommand) ex).name)) {
                private static final long serialVersionUID = 1L;

                @Override
                public String getMessage() {
                    return "unknown command '" + getUnmatched().get(0) + "'";
                }
            };
        } else if (!cl.getUnmatchedArguments().isEmpty()) {
            // name the unknown options only: the value after one ("--promt x") is not a mistake of its own
            List<String> options = cl.getUnmatchedArguments().stream().filter(a -> a.startsWith("-")).collect(
                    java.util.stream.Collectors.toList());
            ex = new CommandLine.UnmatchedArgumentException(cl, options.isEmpty() ? cl.getUnmatchedArguments() : options);
        }
        err.println("error: " + ex.getMessage().replaceFirst("^Error: ", ""));
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
        if (code == FAILURE && !(ex instanceof FeedbackLoopException)) {
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

    /** Replaces whatever the command printed on stdout (see {@link JsonOutput}) with the error object. */
    private static void printProblem(CommandLine cl, Throwable ex, int code, String message) {
        if (cl.getOut() instanceof JsonOutput) {
            ((JsonOutput) cl.getOut()).discard();
        }
        cl.getOut().println(problem(ex, code, message));
        cl.getOut().flush();
    }

    /** {@code {"error": {"type", "message", "exit_code"}}}. */
    static String problem(Throwable ex, int code, String message) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", typeOf(ex));
        problem.put("message", message);
        problem.put("exit_code", code);
        return FeedbackJson.write(Map.of("error", problem));
    }
}
