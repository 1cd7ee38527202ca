package dev.feedbackloop.transfer;

import java.time.Duration;
import java.util.List;

/**
 * What an import did.
 *
 * @param read      records in the file (good and bad)
 * @param inserted  entries now stored that were not before (0 when nothing was committed)
 * @param unchanged good records whose feedback_id was already stored with the same content
 * @param invalid   bad records; each is in {@code errors}
 * @param committed false when nothing was stored because a record was bad (and invalid ones were
 *                  not to be skipped); true otherwise, also when the file held no records
 */
public record ImportResult(long read, long inserted, long unchanged, long invalid, List<RecordError> errors,
                           boolean committed, long bytes, Duration elapsed) {
    public ImportResult {
        errors = List.copyOf(errors);
    }

    /** Records per second over the whole import; 0 for an instant one. */
    public double recordsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : read / s;
    }
}
