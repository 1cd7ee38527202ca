package dev.feedbackloop.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The root command; its subcommands are registered by {@link Main}. Alone, it prints the usage; exit 2.
 * Its picocli model is built in code, not read from annotations (see {@link ProgrammaticSpecs}).
 */
final class FeedbackCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);

    FeedbackCommand() {
        spec.name("feedback").version("feedback-loop 0.1.0");
        spec.usageMessage()
                .description(
                        "Capture feedback on LLM outputs, analyse what works, report and improve prompts.",
                        "The specification's mode flags work too: feedback --capture --prompt ... is feedback capture --prompt ...",
                        "Database: --db PATH, else $FEEDBACK_DB, else data/feedback.db under the current folder.")
                .footer("", "Exit codes: 0 success, 1 runtime failure, 2 usage or validation error.");
        ProgrammaticSpecs.withStandardHelp(spec);
    }

    /** The command as picocli runs it. */
    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
