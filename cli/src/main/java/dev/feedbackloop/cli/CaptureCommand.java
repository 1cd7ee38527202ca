package dev.feedbackloop.cli;

import static dev.feedbackloop.cli.ProgrammaticSpecs.option;

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
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code capture}: stores one piece of feedback. Its picocli model is built in code
 * ({@link #spec()}), not read from annotations: a capture is the command whose start-up matters
 * (see {@link ProgrammaticSpecs}).
 */
final class CaptureCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    final StoreOptions store = new StoreOptions();
    String promptText;
    Path promptFile;
    String outputText;
    Path outputFile;
    Integer rating;
    final Thumbs thumbs = new Thumbs();
    String tags;
    String framework;
    String model;
    String notes;
    String context;
    String routing;
    String feedbackId;
    String timestamp;
    String raterId;
    String outputId;
    String masking;

    CaptureCommand() {
        define();
    }

    /** The command as picocli runs it, with its options bound to this object's fields. */
    CommandSpec spec() {
        return spec;
    }

    private void define() {
        spec.name("capture");
        spec.usageMessage().sortOptions(false)
                .header("Store one piece of feedback on a prompt's output.")
                .description("Long texts can come from files (--prompt-file, --output-file; '-' reads standard input). "
                        + "Arguments are read as UTF-8 whatever the locale. The context may nest up to 32 levels and hold "
                        + "up to 65,536 characters of keys and strings.");
        spec.addMixin("store", store.mixin());
        spec.addArgGroup(either(
                option("--prompt", String.class, () -> promptText, v -> promptText = v).paramLabel("TEXT")
                        .description("The prompt text (this or --prompt-file is required)."),
                option("--prompt-file", Path.class, () -> promptFile, v -> promptFile = v).paramLabel("FILE")
                        .description("Read the prompt from FILE (UTF-8; '-' = standard input; one final line break dropped).")));
        spec.addArgGroup(either(
                option("--output", String.class, () -> outputText, v -> outputText = v).paramLabel("TEXT")
                        .description("The generated output (this or --output-file is required)."),
                option("--output-file", Path.class, () -> outputFile, v -> outputFile = v).paramLabel("FILE")
                        .description("Read the output from FILE (UTF-8; '-' = standard input; one final line break dropped).")));
        spec.addOption(option("--rating", Integer.class, () -> rating, v -> rating = v).paramLabel("<rating>")
                .required(true).converters(new RatingConverter())
                .description("Rating, an integer from 1 to 5 (required).").build());
        spec.addArgGroup(thumbs.group());
        spec.addOption(option("--tags", String.class, () -> tags, v -> tags = v).paramLabel("a,b")
                .description("Comma-separated tags (trimmed, duplicates dropped).").build());
        spec.addOption(option("--framework", String.class, () -> framework, v -> framework = v)
                .paramLabel("<framework>").description("Prompting framework used (stored in context).").build());
        spec.addOption(option("--model", String.class, () -> model, v -> model = v)
                .paramLabel("<model>").description("Model used (stored in context).").build());
        spec.addOption(option("--notes", String.class, () -> notes, v -> notes = v)
                .paramLabel("<notes>").description("Optional user notes.").build());
        spec.addOption(option("--context", String.class, () -> context, v -> context = v).paramLabel("JSON")
                .description("A JSON object merged into the context; --framework/--model win over its keys.").build());
        spec.addOption(option("--routing", String.class, () -> routing, v -> routing = v).paramLabel("JSON")
                .description("The routing decision (the JSON printed by 'route --json'), for attribution.").build());
        spec.addOption(option("--feedback-id", String.class, () -> feedbackId, v -> feedbackId = v).paramLabel("ID")
                .description("Use this id (re-capturing the same id with the same content is a no-op).").build());
        spec.addOption(option("--timestamp", String.class, () -> timestamp, v -> timestamp = v).paramLabel("ISO-8601")
                .description("When the feedback was given (default: now; no offset = local time).").build());
        spec.addOption(option("--rater-id", String.class, () -> raterId, v -> raterId = v).paramLabel("ID")
                .description("Who rated. With --output-id, a vote: of one rater's votes on one output only the latest "
                        + "counts (earlier ones are kept in history).").build());
        spec.addOption(option("--output-id", String.class, () -> outputId, v -> outputId = v).paramLabel("ID")
                .description("The output rated (stored in context, as --framework and --model are).").build());
        spec.addOption(option("--masking", String.class, () -> masking, v -> masking = v).paramLabel("MODE")
                .description("off, mask or reject personal data and secrets in the texts and context (default: the "
                        + "database's setting, see 'feedback masking'; else off).").build());
        ProgrammaticSpecs.withStandardHelp(spec);
    }

    /** Exactly one of two options, both marked required as picocli wants for a mandatory exclusive group. */
    private static ArgGroupSpec either(OptionSpec.Builder one, OptionSpec.Builder other) {
        return ArgGroupSpec.builder().exclusive(true).multiplicity("1")
                .addArg(one.required(true).build()).addArg(other.required(true).build()).build();
    }

    @Override
    public Integer call() {
        FeedbackEntry.Builder toStore = entry(); // bad input is refused before the database is opened
        dev.feedbackloop.privacy.Masking mode = masking == null ? null : dev.feedbackloop.privacy.Masking.parse(masking);
        FeedbackLoop.Capture captured;
        try (FeedbackLoop loop = store.open(FeedbackLoop.builder(store.location()).masking(mode))) {
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
        if (TextFiles.isStdin(promptFile) && TextFiles.isStdin(outputFile)) {
            throw new InvalidInputException("--prompt-file - and --output-file - cannot both read standard input");
        }
        String promptValue = promptText != null ? promptText : TextFiles.read(promptFile, "--prompt-file");
        String outputValue = outputText != null ? outputText : TextFiles.read(outputFile, "--output-file");
        FeedbackEntry.Builder b = FeedbackEntry.builder(promptValue, outputValue, rating)
                .thumbsUp(thumbs.value())
                .tags(FeedbackEntry.parseTags(tags))
                .framework(framework)
                .model(model)
                .notes(notes)
                .raterId(raterId)
                .outputId(outputId)
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
