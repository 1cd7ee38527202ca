package dev.feedbackloop.transfer;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.internal.Timestamps;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A {@link FeedbackEntry} as the JSON object of the specification's data model
 * ({@code feedback_id, timestamp, prompt, output, rating, thumbs_up, tags, context, notes}).
 * Used by every JSON output, JSON Lines and the JSON export format. Thread-safe.
 */
public final class EntryJson {
    private EntryJson() {
    }

    public static void write(JsonGenerator g, FeedbackEntry e) throws IOException {
        g.writeStartObject();
        g.writeStringField("feedback_id", e.feedbackId());
        g.writeStringField("timestamp", Timestamps.format(e.timestamp()));
        g.writeStringField("prompt", e.prompt());
        g.writeStringField("output", e.output());
        g.writeNumberField("rating", e.rating());
        g.writeBooleanField("thumbs_up", e.thumbsUp());
        g.writeFieldName("tags");
        Json.write(g, e.tags());
        g.writeFieldName("context");
        Json.write(g, e.context());
        g.writeFieldName("notes");
        Json.write(g, e.notes());
        g.writeEndObject();
    }

    public static String toJson(FeedbackEntry e) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            write(g, e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    /** The fields of an entry object, in the order {@link #write} writes them. */
    public static final List<String> FIELDS = List.of("feedback_id", "timestamp", "prompt", "output", "rating",
            "thumbs_up", "tags", "context", "notes");

    /**
     * Builds an entry from a parsed JSON object, strictly: required fields present with the right
     * types, rating an integer 1-5. {@code feedback_id}, {@code timestamp}, {@code thumbs_up},
     * {@code tags}, {@code context} and {@code notes} may be absent (capture defaults apply).
     * Timestamps without an offset are read in {@code zone}.
     *
     * @throws InvalidInputException naming the first field that is wrong ({@link InvalidInputException#field()})
     */
    public static FeedbackEntry fromMap(Map<String, Object> m, ZoneId zone) {
        return builder(m, zone).build();
    }

    /**
     * As {@link #fromMap}, but the capture defaults (time, id) are left to whoever builds the entry,
     * so that a capture can apply its rules ({@code FeedbackLoop.capture}).
     *
     * @throws InvalidInputException naming the first field that is wrong
     */
    public static FeedbackEntry.Builder builder(Map<String, Object> m, ZoneId zone) {
        String prompt = string(m, "prompt", true);
        String output = string(m, "output", true);
        Object r = m.get("rating");
        if (r == null) {
            throw new InvalidInputException("missing field 'rating'", "rating");
        }
        if (!(r instanceof Integer || r instanceof Long)) {
            throw new InvalidInputException("'rating' must be an integer from 1 to 5, got " + Json.write(r), "rating");
        }
        long rating = ((Number) r).longValue();
        if (rating < 1 || rating > 5) {
            throw new InvalidInputException("'rating' must be an integer from 1 to 5, got " + rating, "rating");
        }
        Object thumbs = m.get("thumbs_up");
        if (thumbs != null && !(thumbs instanceof Boolean)) {
            throw new InvalidInputException("'thumbs_up' must be true or false, got " + Json.write(thumbs), "thumbs_up");
        }
        FeedbackEntry.Builder b = FeedbackEntry.builder(prompt, output, (int) rating)
                .thumbsUp((Boolean) thumbs)
                .tags(stringList(m, "tags"))
                .context(object(m, "context"))
                .feedbackId(string(m, "feedback_id", false))
                .notes(string(m, "notes", false));
        String ts = string(m, "timestamp", false);
        if (ts != null) {
            try {
                b.timestamp(Timestamps.parse(ts, zone));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.getMessage(), "timestamp");
            }
        }
        return b;
    }

    /**
     * Refuses fields that are not in {@link #FIELDS} (or {@code extra}): for an API, where a typo
     * ("ratting") must not silently drop a value. Import files ignore unknown fields instead.
     *
     * @throws InvalidInputException naming the first unknown field
     */
    public static void refuseUnknownFields(Map<String, ?> m, Collection<String> extra) {
        for (String key : m.keySet()) {
            if (!FIELDS.contains(key) && !extra.contains(key)) {
                throw new InvalidInputException("unknown field '" + key + "' (known: " + String.join(", ", FIELDS) + ")",
                        key);
            }
        }
    }

    private static String string(Map<String, Object> m, String key, boolean required) {
        Object v = m.get(key);
        if (v == null) {
            if (required) {
                throw new InvalidInputException("missing field '" + key + "'", key);
            }
            return null;
        }
        if (!(v instanceof String)) {
            throw new InvalidInputException("'" + key + "' must be a string, got " + Json.describe(v), key);
        }
        if (required && ((String) v).isBlank()) {
            throw new InvalidInputException("'" + key + "' must not be empty", key);
        }
        return (String) v;
    }

    private static List<String> stringList(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List)) {
            throw new InvalidInputException("'" + key + "' must be an array of strings, got " + Json.describe(v), key);
        }
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) v) {
            if (!(o instanceof String)) {
                throw new InvalidInputException("'" + key + "' must contain only strings, found " + Json.describe(o), key);
            }
            out.add((String) o);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map)) {
            throw new InvalidInputException("'" + key + "' must be a JSON object, got " + Json.describe(v), key);
        }
        return (Map<String, Object>) v;
    }
}
