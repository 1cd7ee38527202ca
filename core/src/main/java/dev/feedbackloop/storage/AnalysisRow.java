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
        List<String> tags) {

    public Outcome outcome() {
        return Outcome.of(rating, thumbsUp);
    }
}
