package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.InsertResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "capture", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Store one piece of feedback on a prompt's output.",
        description = {"Long texts can come from files (--prompt-file, --output-file; '-' reads standard input). "
            + "Arguments are read as UTF-8 whatever the locale. The context may nest up to 32 levels and hold up "
            + "to 65,536 characters of keys and strings."})
final class CaptureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreOptions store;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Prompt prompt;

    static final class Prompt {
        @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The prompt text (this or --prompt-file is required).")
        String text;
        @Option(names = "--prompt-file", required = true, paramLabel = "FILE",
                description = "Read the prompt from FILE (UTF-8; '-' = standard input; one final line break dropped).")
        Path file;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Output output;

    static final class Output {
        @Option(names = "--output", required = true, paramLabel = "TEXT", description = "The generated output (this or --output-file is required).")
        String text;
        @Option(names = "--output-file", required = true, paramLabel = "FILE",
                description = "Read the output from FILE (UTF-8; '-' = standard input; one final line break dropped).")
        Path file;
    }

    @Option(names = "--rating", required = true, converter = RatingConverter.class,
            description = "Rating, an integer from 1 to 5 (required).")
    Integer rating;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Thumbs thumbs;

    static final class Thumbs {
        @Option(names = "--thumbs-up", required = true, description = "The user gave a thumbs up.")
        boolean up;
        @Option(names = "--thumbs-down", required = true, description = "The user gave a thumbs down.")
        boolean down;
    }

    @Option(names = "--tags", paramLabel = "a,b", description = "Comma-separated tags (trimmed, duplicates dropped).")
    String tags;

    @Option(names = "--framework", description = "Prompting framework used (stored in context).")
    String framework;

    @Option(names = "--model", description = "Model used (stored in context).")
    String model;

    @Option(names = "--notes", description = "Optional user notes.")
    String notes;

    @Option(names = "--context", paramLabel = "JSON",
            description = "A JSON object merged into the context; --framework/--model win over its keys.")
    String context;

    @Option(names = "--routing", paramLabel = "JSON",
            description = "The routing decision (the JSON printed by 'route --json'), for attribution.")
    String routing;

    @Option(names = "--feedback-id", paramLabel = "ID",
            description = "Use this id (re-capturing the same id with the same content is a no-op).")
    String feedbackId;

    @Option(names = "--timestamp", paramLabel = "ISO-8601",
            description = "When the feedback was given (default: now; no offset = local time).")
    String timestamp;

    @Override
    public Integer call() {
        FeedbackEntry.Builder toStore = entry(); // bad input is refused before the database is opened
        FeedbackLoop.Capture captured;
        try (FeedbackLoop loop = store.open()) {
            captured = loop.capture(toStore);
        }
        FeedbackEntry entry = captured.entry();
        PrintWriter out = spec.commandLine().getOut();
        if (store.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("status", captured.result().name().toLowerCase(Locale.ROOT));
            json.put("entry", entry);
            out.println(FeedbackJson.write(json));
        } else {
            out.printf("%s feedback %s (rating %d, thumbs %s, %s)%n",
                    captured.result() == InsertResult.INSERTED ? "Captured" : "Already stored:", entry.feedbackId(),
                    entry.rating(), entry.thumbsUp() ? "up" : "down", entry.outcome().name().toLowerCase(Locale.ROOT));
        }
        return ExitCodes.OK;
    }

    /** The entry the options describe (not yet built: the front door builds it with its clock). */
    FeedbackEntry.Builder entry() {
        if (TextFiles.isStdin(prompt.file) && TextFiles.isStdin(output.file)) {
            throw new InvalidInputException("--prompt-file - and --output-file - cannot both read standard input");
        }
        String promptText = prompt.text != null ? prompt.text : TextFiles.read(prompt.file, "--prompt-file");
        String outputText = output.text != null ? output.text : TextFiles.read(output.file, "--output-file");
        FeedbackEntry.Builder b = FeedbackEntry.builder(promptText, outputText, rating)
                .thumbsUp(thumbs == null ? null : thumbs.up)
                .tags(FeedbackEntry.parseTags(tags))
                .framework(framework)
                .model(model)
                .notes(notes)
                .feedbackId(feedbackId);
        if (routing != null) {
            b.routing(FeedbackJson.readObject(routing, "--routing"));
        }
        if (context != null) {
            Map<String, Object> ctx = FeedbackJson.readObject(context, "--context");
            b.context(ctx);
        }
        if (timestamp != null) {
            b.timestamp(dev.feedbackloop.internal.Timestamps.parse(timestamp));
        }
        return b;
    }
}
