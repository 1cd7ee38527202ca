package dev.feedbackloop.transfer;

import java.time.ZoneId;
import java.util.Objects;

/**
 * @param skipInvalid store the good records even when some are bad (default: store nothing then)
 * @param zone        how timestamps without an offset are read (the original tool wrote local time)
 * @param bulk        load as a bulk transaction ({@link dev.feedbackloop.storage.FeedbackStore#openBulkBatch()}):
 *                    faster, but when no one else has the database open it is held alone until the
 *                    import ends, and everyone else, this process's other threads included, waits.
 *                    Default false: an application embedding the library keeps serving while it imports.
 *                    The command line opts in (a one-off process), unless {@code --shared}.
 * @param csvCells    how a CSV file's text cells are read: as our exports write them by default
 *                    ({@link CsvCells#SPREADSHEET_SAFE}), or exactly as they are
 */
public record ImportOptions(boolean skipInvalid, ZoneId zone, boolean bulk, CsvCells csvCells) {
    public static final ImportOptions DEFAULT =
            new ImportOptions(false, ZoneId.systemDefault(), false, CsvCells.SPREADSHEET_SAFE);

    public ImportOptions {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(csvCells, "csvCells");
    }

    public ImportOptions(boolean skipInvalid, ZoneId zone) {
        this(skipInvalid, zone, false, CsvCells.SPREADSHEET_SAFE);
    }

    public ImportOptions withSkipInvalid(boolean skip) {
        return new ImportOptions(skip, zone, bulk, csvCells);
    }

    public ImportOptions withBulk(boolean load) {
        return new ImportOptions(skipInvalid, zone, load, csvCells);
    }

    public ImportOptions withCsvCells(CsvCells cells) {
        return new ImportOptions(skipInvalid, zone, bulk, cells);
    }
}
