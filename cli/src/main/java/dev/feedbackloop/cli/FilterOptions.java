package dev.feedbackloop.cli;

import dev.feedbackloop.internal.Timestamps;
import dev.feedbackloop.storage.FeedbackQuery;
import dev.feedbackloop.capture.FeedbackEntry;
import java.time.Instant;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The specification's get_feedback filters, shared by list, stats and export. */
final class FilterOptions {
    @Option(names = "--since", paramLabel = "ISO-8601", description = "Entries at or after this time (no offset = local time).")
    String since;

    @Option(names = "--until", paramLabel = "ISO-8601", description = "Entries before this time.")
    String until;

    @Option(names = "--min-rating", converter = RatingConverter.class, description = "Lowest rating to include.")
    Integer minRating;

    @Option(names = "--max-rating", converter = RatingConverter.class, description = "Highest rating to include.")
    Integer maxRating;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    CaptureCommand.Thumbs thumbs;

    @Option(names = "--tags", paramLabel = "a,b", description = "Only entries with any of these tags.")
    String tags;

    FeedbackQuery query(Integer limit) {
        return new FeedbackQuery(instant(since), instant(until), minRating, maxRating,
                thumbs == null ? null : thumbs.up, FeedbackEntry.parseTags(tags), limit);
    }

    static Instant instant(String text) {
        return text == null ? null : Timestamps.parse(text);
    }
}
