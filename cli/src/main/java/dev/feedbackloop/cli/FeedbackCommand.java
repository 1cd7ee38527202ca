package dev.feedbackloop.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "feedback",
        mixinStandardHelpOptions = true,
        version = "feedback-loop 0.1.0",
        description = {
            "Capture feedback on LLM outputs, analyse what works, report and improve prompts.",
            "The specification's mode flags work too: feedback --capture --prompt ... is feedback capture --prompt ...",
            "Database: --db PATH, else $FEEDBACK_DB, else data/feedback.db under the current folder."},
        footer = {"", "Exit codes: 0 success, 1 runtime failure, 2 usage or validation error."})
/** The root command; its subcommands are registered by {@link Main}. Alone, it prints the usage; exit 2. */
final class FeedbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
