package dev.feedbackloop.transfer;

import java.time.ZoneId;
import java.util.Objects;

/**
 * @param skipInvalid store the good records even when some are bad (default: store nothing then)
 * @param zone        how timestamps without an offset are read (the original tool wrote local time)
 */
public record ImportOptions(boolean skipInvalid, ZoneId zone) {
    public static final ImportOptions DEFAULT = new ImportOptions(false, ZoneId.systemDefault());

    public ImportOptions {
        Objects.requireNonNull(zone, "zone");
    }

    public ImportOptions withSkipInvalid(boolean skip) {
        return new ImportOptions(skip, zone);
    }
}
