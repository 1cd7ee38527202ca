package dev.feedbackloop.storage;

import dev.feedbackloop.capture.Outcome;
import java.time.Instant;
import java.util.List;

/**
 * The narrow view of one entry that analysis and reports aggregate: everything but the texts.
 * Read from a covering index, so a scan never touches prompt or output pages.
 *
 * @param framework  null when the capture carried none
 * @param model      null when the capture carried none
 * @param taskType   null when the capture carried none
 * @param features   bit mask of {@link dev.feedbackloop.capture.PromptFeature}
 * @param promptChars prompt length in characters
 * @param taskClass  the task type the router's classifier gave the prompt; null when the entry has
 *                   a {@code taskType} or was not classified yet
 */
public record AnalysisRow(
        long id,
        Instant timestamp,
        int rating,
        boolean thumbsUp,
        String framework,
        String model,
        String taskType,
        int features,
        int promptChars,
        List<String> tags,
        String taskClass) {

    /** A row not classified (yet). */
    public AnalysisRow(long id, Instant timestamp, int rating, boolean thumbsUp, String framework, String model,
            String taskType, int features, int promptChars, List<String> tags) {
        this(id, timestamp, rating, thumbsUp, framework, model, taskType, features, promptChars, tags, null);
    }

    /** The task type of the entry: its context's, else the classifier's; null when neither is known yet. */
    public String effectiveTaskType() {
        return taskType != null ? taskType : taskClass;
    }

    /** The same row with the classifier's task type. */
    public AnalysisRow classified(String taskClass) {
        return new AnalysisRow(id, timestamp, rating, thumbsUp, framework, model, taskType, features, promptChars,
                tags, taskClass);
    }

    public Outcome outcome() {
        return Outcome.of(rating, thumbsUp);
    }
}
