package dev.feedbackloop.cli;

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
        footer = {"", "Exit codes: 0 success, 1 runtime failure, 2 usage or validation error."},
        subcommands = {
            InitCommand.class,
            CaptureCommand.class,
            ListCommand.class,
            StatsCommand.class,
            AnalyzeCommand.class,
            ReportCommand.class,
        })
final class FeedbackCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
