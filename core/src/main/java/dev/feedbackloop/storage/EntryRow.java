package dev.feedbackloop.storage;

import dev.feedbackloop.capture.ContextLimits;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.internal.Timestamps;
import java.util.Objects;

/**
 * An entry with the text of its computed columns (stored timestamp, tags and context JSON, derived
 * columns). Computing them costs more than storing them, so bulk writers build rows on other
 * threads and hand them to the one writing thread ({@link BatchWriter#add(EntryRow)}).
 */
public record EntryRow(
        FeedbackEntry entry,
        String timestamp,
        String tags,
        String context,
        String framework,
        String model,
        String taskType,
        int promptFeatures) {

    public EntryRow {
        Objects.requireNonNull(entry, "entry");
    }

    /**
     * The row to store for {@code e}; every way in (capture, import, the library) goes through here.
     *
     * @throws dev.feedbackloop.InvalidInputException when its context breaks {@link ContextLimits}
     */
    public static EntryRow of(FeedbackEntry e) {
        ContextLimits.check(e.context());
        return new EntryRow(e, Timestamps.format(e.timestamp()), Json.write(e.tags()), Json.write(e.context()),
                e.framework(), e.model(), e.taskType(), e.promptFeatures());
    }
}
