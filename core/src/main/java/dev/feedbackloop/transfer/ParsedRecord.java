package dev.feedbackloop.transfer;

import dev.feedbackloop.storage.EntryRow;

/**
 * One record read from an import file: an entry (with its columns computed, on the reading thread),
 * or the reason it is not one. Exactly one of {@code row} and {@code error} is non-null.
 */
record ParsedRecord(long line, long record, EntryRow row, String error) {

    static ParsedRecord ok(long line, long record, EntryRow row) {
        return new ParsedRecord(line, record, row, null);
    }

    static ParsedRecord bad(long line, long record, String error) {
        return new ParsedRecord(line, record, null, error);
    }

    RecordError toError() {
        return new RecordError(line, record, error);
    }
}
