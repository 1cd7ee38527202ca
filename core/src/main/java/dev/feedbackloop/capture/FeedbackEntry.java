package dev.feedbackloop.capture;

import dev.feedbackloop.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.internal.Timestamps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One piece of feedback: the specification's {@code FeedbackEntry}. Immutable and always valid:
 * the compact constructor rejects what the rules forbid and normalises tags (trimmed, empties
 * dropped, duplicates removed, order kept). Use {@link #builder} to get the defaults of a capture
 * (implied thumbs, a minted id, the current time).
 *
 * @param context free-form JSON-like values ({@link ContextLimits} apply when stored); {@code framework},
 *                {@code model} and {@code task_type} have meaning for analysis and routing
 * @param notes   may be null
 */
public record FeedbackEntry(
        String prompt,
        String output,
        int rating,
        boolean thumbsUp,
        List<String> tags,
        Instant timestamp,
        Map<String, Object> context,
        String feedbackId,
        String notes) {

    public static final String FRAMEWORK = "framework";
    public static final String MODEL = "model";
    public static final String TASK_TYPE = "task_type";
    /** Context key: the output this feedback rates (one vote per output and rater counts). */
    public static final String OUTPUT_ID = "output_id";
    /** Context key: who gave the feedback (a user id, or an anonymous id from a feedback token). */
    public static final String RATER_ID = "rater_id";

    public FeedbackEntry {
        requireText(prompt, "prompt");
        requireText(output, "output");
        checkRating(rating);
        timestamp = Timestamps.checkStorable(Objects.requireNonNull(timestamp, "timestamp"))
                .truncatedTo(ChronoUnit.MICROS);
        requireText(feedbackId, "feedback_id");
        tags = normaliseTags(tags);
        context = context == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(context));
        if (notes != null && notes.isBlank()) {
            notes = null;
        }
    }

    public static Builder builder(String prompt, String output, int rating) {
        return new Builder(prompt, output, rating);
    }

    /** The same entry at another time. */
    public FeedbackEntry withTimestamp(Instant newTimestamp) {
        return new FeedbackEntry(prompt, output, rating, thumbsUp, tags, newTimestamp, context, feedbackId, notes);
    }

    public Outcome outcome() {
        return Outcome.of(rating, thumbsUp);
    }

    public String framework() {
        return contextText(context, FRAMEWORK);
    }

    public String model() {
        return contextText(context, MODEL);
    }

    /** The routing task type this entry was attributed to, if the capture carried one. */
    public String taskType() {
        return taskTypeOf(context);
    }

    /** {@code context.output_id}: the output rated; null when not given. */
    public String outputId() {
        return contextText(context, OUTPUT_ID);
    }

    /** {@code context.rater_id}: who rated; null when not given. */
    public String raterId() {
        return contextText(context, RATER_ID);
    }

    /**
     * True for a vote: an entry naming both the output and the rater. Of the votes of one rater on
     * one output only the latest counts; storing a new one replaces the earlier one (kept in history).
     */
    public boolean isVote() {
        return outputId() != null && raterId() != null;
    }

    public int promptFeatures() {
        return PromptFeature.detect(prompt);
    }

    /**
     * Same stored content (context compared as JSON text, so 1 and 1L are equal): tells an
     * idempotent re-capture from a conflicting one.
     */
    public boolean sameContentAs(FeedbackEntry other) {
        return prompt.equals(other.prompt) && output.equals(other.output) && rating == other.rating
                && thumbsUp == other.thumbsUp && tags.equals(other.tags) && timestamp.equals(other.timestamp)
                && Json.write(context).equals(Json.write(other.context)) && feedbackId.equals(other.feedbackId)
                && Objects.equals(notes, other.notes);
    }

    /** {@code task_type} of a context, directly or inside a {@code routing} object; null when absent. */
    public static String taskTypeOf(Map<String, ?> context) {
        String direct = contextText(context, TASK_TYPE);
        if (direct != null || !(context.get("routing") instanceof Map)) {
            return direct;
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> routing = (Map<String, ?>) context.get("routing");
        return contextText(routing, TASK_TYPE);
    }

    /** A context value as trimmed text; null when absent or blank. */
    public static String contextText(Map<String, ?> context, String key) {
        Object v = context.get(key);
        if (v == null) {
            return null;
        }
        String s = v.toString().strip();
        return s.isEmpty() ? null : s;
    }

    public static void checkRating(int rating) {
        if (rating < 1 || rating > 5) {
            throw new InvalidInputException("rating must be an integer from 1 to 5, got " + rating);
        }
    }

    /** @throws InvalidInputException naming the field when {@code value} is null or blank */
    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(name + " is required and must not be empty", name);
        }
    }

    /** Trims, drops empty tags and duplicates, keeps first-seen order. */
    public static List<String> normaliseTags(List<String> tags) {
        if (tags == null || tags.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<String> set = new LinkedHashSet<>();
        for (String t : tags) {
            if (t != null && !t.isBlank()) {
                set.add(t.strip());
            }
        }
        return List.copyOf(set);
    }

    /** Splits "a, b,,c" into normalised tags. */
    public static List<String> parseTags(String commaSeparated) {
        if (commaSeparated == null) {
            return List.of();
        }
        return normaliseTags(List.of(commaSeparated.split(",")));
    }

    /** Capture defaults: thumbs implied by the rating, a fresh time-ordered id, the current time. */
    public static final class Builder {
        private final String prompt;
        private final String output;
        private final int rating;
        private Boolean thumbsUp;
        private List<String> tags = new ArrayList<>();
        private Instant timestamp;
        private final Map<String, Object> context = new LinkedHashMap<>();
        private String feedbackId;
        private String notes;

        private Builder(String prompt, String output, int rating) {
            this.prompt = prompt;
            this.output = output;
            this.rating = rating;
        }

        /** Null means "not given": thumbs = rating &ge; 4. */
        public Builder thumbsUp(Boolean thumbsUp) {
            this.thumbsUp = thumbsUp;
            return this;
        }

        public Builder tags(List<String> tags) {
            this.tags = tags == null ? new ArrayList<>() : new ArrayList<>(tags);
            return this;
        }

        public Builder tags(String... tags) {
            return tags(List.of(tags));
        }

        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        /** Merged into the context; keys set by {@link #framework}/{@link #model} win over these. */
        public Builder context(Map<String, ?> values) {
            if (values != null) {
                values.forEach((k, v) -> context.putIfAbsent(k, v));
            }
            return this;
        }

        /**
         * Attributes the feedback to a routing decision (the JSON object a router printed, with
         * {@code task_type}, {@code primary_framework}, {@code model_recommendation}, {@code techniques},
         * {@code confidence}). Kept whole under {@code context.routing}; its task type, framework, model,
         * techniques and confidence fill the context keys not already set.
         */
        public Builder routing(Map<String, ?> decision) {
            if (decision == null) {
                return this;
            }
            for (String key : List.of(TASK_TYPE, "primary_framework", FRAMEWORK, "model_recommendation", MODEL)) {
                Object v = decision.get(key);
                if (v != null && (!(v instanceof String) || ((String) v).isBlank())) {
                    throw new InvalidInputException("routing field '" + key + "' must be a non-empty string, got "
                            + Json.write(v));
                }
            }
            context.put("routing", new LinkedHashMap<>(decision));
            putIfPresent(TASK_TYPE, decision.get(TASK_TYPE));
            putIfPresent(FRAMEWORK, firstNonNull(decision.get("primary_framework"), decision.get(FRAMEWORK)));
            putIfPresent(MODEL, firstNonNull(decision.get("model_recommendation"), decision.get(MODEL)));
            putIfPresent("techniques", decision.get("techniques"));
            putIfPresent("confidence", decision.get("confidence"));
            return this;
        }

        private void putIfPresent(String key, Object value) {
            if (value != null) {
                context.putIfAbsent(key, value);
            }
        }

        private static Object firstNonNull(Object a, Object b) {
            return a != null ? a : b;
        }

        public Builder contextValue(String key, Object value) {
            if (value != null) {
                context.put(key, value);
            }
            return this;
        }

        public Builder framework(String framework) {
            return contextValue(FRAMEWORK, blankToNull(framework));
        }

        public Builder model(String model) {
            return contextValue(MODEL, blankToNull(model));
        }

        /** The output this feedback rates ({@code context.output_id}); see {@link FeedbackEntry#isVote}. */
        public Builder outputId(String outputId) {
            return contextValue(OUTPUT_ID, blankToNull(outputId));
        }

        /** Who gave the feedback ({@code context.rater_id}); see {@link FeedbackEntry#isVote}. */
        public Builder raterId(String raterId) {
            return contextValue(RATER_ID, blankToNull(raterId));
        }

        public Builder feedbackId(String feedbackId) {
            this.feedbackId = blankToNull(feedbackId);
            return this;
        }

        public Builder notes(String notes) {
            this.notes = notes;
            return this;
        }

        /** Whether a feedback_id was given (else {@link #build} mints one). */
        public boolean hasFeedbackId() {
            return feedbackId != null;
        }

        /** Whether a timestamp was given (else {@link #build} uses the current time). */
        public boolean hasTimestamp() {
            return timestamp != null;
        }

        /** {@link #build(Clock)} with the system clock. */
        public FeedbackEntry build() {
            return build(Clock.systemUTC());
        }

        /** The entry; without a timestamp it is {@code clock}'s current time. */
        public FeedbackEntry build(Clock clock) {
            checkRating(rating);
            boolean thumbs = thumbsUp != null ? thumbsUp : Outcome.impliedThumbsUp(rating);
            return new FeedbackEntry(prompt, output, rating, thumbs, tags,
                    timestamp != null ? timestamp : clock.instant(), context,
                    feedbackId != null ? feedbackId : FeedbackIds.next(), notes);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }
}
