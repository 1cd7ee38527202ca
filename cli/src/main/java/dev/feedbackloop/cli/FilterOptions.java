package dev.feedbackloop.cli;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Timestamps;
import dev.feedbackloop.storage.FeedbackQuery;
import java.time.Instant;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The specification's get_feedback filters, shared by list and export (as
 * {@code @Mixin(name = "filter") final CommandSpec filterOptions = filter.mixin();}).
 */
final class FilterOptions {
    String since;
    String until;
    Integer minRating;
    Integer maxRating;
    final Thumbs thumbs = new Thumbs();
    String tags;

    /** The filters as a picocli mixin that stores their values in this object. */
    CommandSpec mixin() {
        CommandSpec spec = CommandSpec.create();
        spec.addOption(ProgrammaticSpecs.option("--since", String.class, () -> since, v -> since = v)
                .paramLabel("ISO-8601").description("Entries at or after this time (no offset = local time).").build());
        spec.addOption(ProgrammaticSpecs.option("--until", String.class, () -> until, v -> until = v)
                .paramLabel("ISO-8601").description("Entries before this time.").build());
        spec.addOption(ProgrammaticSpecs.option("--min-rating", Integer.class, () -> minRating, v -> minRating = v)
                .paramLabel("<minRating>").converters(new RatingConverter()).description("Lowest rating to include.")
                .build());
        spec.addOption(ProgrammaticSpecs.option("--max-rating", Integer.class, () -> maxRating, v -> maxRating = v)
                .paramLabel("<maxRating>").converters(new RatingConverter()).description("Highest rating to include.")
                .build());
        spec.addArgGroup(thumbs.group());
        spec.addOption(ProgrammaticSpecs.option("--tags", String.class, () -> tags, v -> tags = v)
                .paramLabel("a,b").description("Only entries with any of these tags.").build());
        return spec;
    }

    FeedbackQuery query(Integer limit) {
        return new FeedbackQuery(instant(since), instant(until), minRating, maxRating,
                thumbs.value(), FeedbackEntry.parseTags(tags), limit);
    }

    static Instant instant(String text) {
        return text == null ? null : Timestamps.parse(text);
    }
}
