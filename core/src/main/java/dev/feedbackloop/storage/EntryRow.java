package dev.feedbackloop.storage;

import dev.feedbackloop.capture.ContextLimits;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.internal.Timestamps;
import dev.feedbackloop.routing.TaskClassifier;
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
        int promptFeatures,
        String taskClass) {

    public EntryRow {
        Objects.requireNonNull(entry, "entry");
    }

    /**
     * The row to store for {@code e}, typed (see {@link #taskClass}); every way in goes through here or
     * through {@link #of(FeedbackEntry, boolean)} (one entry stored by {@code FeedbackStore.insert}).
     *
     * @throws dev.feedbackloop.InvalidInputException when its context breaks {@link ContextLimits}
     */
    public static EntryRow of(FeedbackEntry e) {
        return of(e, true);
    }

    /**
     * As {@link #of(FeedbackEntry)}, without the task class (null) when {@code typed} is false: what
     * one entry stored by a short-lived process writes, for which loading the classifier would cost
     * more than the rest of the command (about 0.13 s, against a capture's 0.12 s); the first analysis that
     * meets the entry types it.
     */
    public static EntryRow of(FeedbackEntry e, boolean typed) {
        ContextLimits.check(e.context());
        return new EntryRow(e, Timestamps.format(e.timestamp()), Json.write(e.tags()), Json.write(e.context()),
                e.framework(), e.model(), e.taskType(), e.promptFeatures(), typed ? taskClass(e) : null);
    }

    /**
     * The {@code task_class} column: when the entry names no {@code context.task_type}, the type the
     * bundled routing rules' classifier gives its prompt ({@link TaskClassifier#bundled()}); else null.
     * Written with the row, so an analysis never has to type entries written since this column was
     * filled at write time (older rows are typed once by the first analysis that meets them).
     */
    public static String taskClass(FeedbackEntry e) {
        return e.taskType() == null ? TaskClassifier.bundled().typeOf(e.prompt()) : null;
    }
}
