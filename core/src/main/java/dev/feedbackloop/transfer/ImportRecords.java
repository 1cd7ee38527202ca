package dev.feedbackloop.transfer;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.capture.FeedbackEntry;
import java.time.ZoneId;
import java.util.Map;

/**
 * The rules for a record of an import file, on top of {@link EntryJson#fromMap}: a timestamp is
 * required (an import restores history; "now" would make re-imports differ), and a record without
 * {@code feedback_id} gets one derived from its content ({@link ContentIds}), so re-importing the
 * same file never duplicates it. Unknown fields are ignored. Thread-safe.
 */
final class ImportRecords {
    private ImportRecords() {
    }

    /**
     * @param fields the record's fields; may be modified
     * @throws InvalidInputException naming the first field that is wrong
     */
    static FeedbackEntry entry(Map<String, Object> fields, ZoneId zone) {
        if (fields.get("timestamp") == null) {
            throw new InvalidInputException("missing field 'timestamp'");
        }
        Object id = fields.get("feedback_id");
        boolean derive = id == null || (id instanceof String && ((String) id).isBlank());
        if (derive) {
            fields.put("feedback_id", "pending");
        }
        FeedbackEntry e = EntryJson.fromMap(fields, zone);
        if (!derive) {
            return e;
        }
        return new FeedbackEntry(e.prompt(), e.output(), e.rating(), e.thumbsUp(), e.tags(), e.timestamp(),
                e.context(), ContentIds.of(e), e.notes());
    }
}
