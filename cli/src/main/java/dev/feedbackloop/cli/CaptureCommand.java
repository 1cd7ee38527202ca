package dev.feedbackloop.cli;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.InsertResult;
import dev.feedbackloop.transfer.EntryJson;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "capture", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Store one piece of feedback on a prompt's output.")
final class CaptureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreOptions store;

    @Option(names = "--prompt", required = true, description = "The prompt text (required).")
    String prompt;

    @Option(names = "--output", required = true, description = "The generated output (required).")
    String output;

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
        FeedbackEntry entry = entry();
        InsertResult result;
        try (FeedbackStore s = store.open()) {
            if (feedbackId != null && timestamp == null) {
                // a retried capture of a known id without --timestamp keeps the stored time, so an
                // identical retry is the no-op it should be rather than a conflict on "now"
                Instant stored = s.findById(entry.feedbackId()).map(FeedbackEntry::timestamp).orElse(null);
                if (stored != null) {
                    entry = entry.withTimestamp(stored);
                }
            }
            result = s.insert(entry);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (store.json) {
            out.println("{\"status\":\"" + result.name().toLowerCase() + "\",\"entry\":" + EntryJson.toJson(entry) + "}");
        } else {
            out.printf("%s feedback %s (rating %d, thumbs %s, %s)%n",
                    result == InsertResult.INSERTED ? "Captured" : "Already stored:", entry.feedbackId(),
                    entry.rating(), entry.thumbsUp() ? "up" : "down", entry.outcome().name().toLowerCase());
        }
        return ExitCodes.OK;
    }

    FeedbackEntry entry() {
        FeedbackEntry.Builder b = FeedbackEntry.builder(prompt, output, rating)
                .thumbsUp(thumbs == null ? null : thumbs.up)
                .tags(FeedbackEntry.parseTags(tags))
                .framework(framework)
                .model(model)
                .notes(notes)
                .feedbackId(feedbackId);
        if (routing != null) {
            b.routing(Json.parseObject(routing, "--routing"));
        }
        if (context != null) {
            Map<String, Object> ctx = Json.parseObject(context, "--context");
            b.context(ctx);
        }
        if (timestamp != null) {
            b.timestamp(dev.feedbackloop.internal.Timestamps.parse(timestamp));
        }
        return b.build();
    }
}
