package dev.feedbackloop.transfer;

import java.time.ZoneId;
import java.util.Objects;

/**
 * @param skipInvalid store the good records even when some are bad (default: store nothing then)
 * @param zone        how timestamps without an offset are read (the original tool wrote local time)
 * @param shared      never take the database for the import alone: readers that start meanwhile
 *                    are not held up, and the import is slower (see
 *                    {@link dev.feedbackloop.storage.FeedbackStore#openBulkBatch()}); default false
 */
public record ImportOptions(boolean skipInvalid, ZoneId zone, boolean shared) {
    public static final ImportOptions DEFAULT = new ImportOptions(false, ZoneId.systemDefault(), false);

    public ImportOptions {
        Objects.requireNonNull(zone, "zone");
    }

    public ImportOptions(boolean skipInvalid, ZoneId zone) {
        this(skipInvalid, zone, false);
    }

    public ImportOptions withSkipInvalid(boolean skip) {
        return new ImportOptions(skip, zone, shared);
    }

    public ImportOptions withShared(boolean share) {
        return new ImportOptions(skipInvalid, zone, share);
    }
}
