package dev.feedbackloop.transfer;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.EntryRow;
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
     * The record as a row to store (columns computed once, also for the content-derived id).
     *
     * @param fields the record's fields; may be modified
     * @throws InvalidInputException naming the first field that is wrong
     */
    static EntryRow row(Map<String, Object> fields, ZoneId zone) {
        if (fields.get("timestamp") == null) {
            throw new InvalidInputException("missing field 'timestamp'");
        }
        Object id = fields.get("feedback_id");
        boolean derive = id == null || (id instanceof String && ((String) id).isBlank());
        if (derive) {
            fields.put("feedback_id", "pending");
        }
        EntryRow r = EntryRow.of(EntryJson.fromMap(fields, zone));
        if (!derive) {
            return r;
        }
        FeedbackEntry e = r.entry();
        FeedbackEntry withId = new FeedbackEntry(e.prompt(), e.output(), e.rating(), e.thumbsUp(), e.tags(),
                e.timestamp(), e.context(), ContentIds.of(r), e.notes());
        return new EntryRow(withId, r.timestamp(), r.tags(), r.context(), r.framework(), r.model(), r.taskType(),
                r.promptFeatures(), r.taskClass());
    }
}
