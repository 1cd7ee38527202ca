package dev.feedbackloop.transfer;

import dev.feedbackloop.capture.FeedbackEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A few chosen entries written to a stream in the export formats (CSV with formulas neutralised, or
 * JSON Lines), exactly as {@link FeedbackExporter} writes them to a file: for downloads of a selection.
 */
public final class EntryStreams {
    private EntryStreams() {
    }

    /**
     * Writes {@code entries} in their order.
     *
     * @throws IllegalArgumentException for {@link FileFormat#JSON} (its total is written into a file in place)
     */
    public static void write(FileFormat format, List<FeedbackEntry> entries, OutputStream out) {
        if (format == FileFormat.JSON) {
            throw new IllegalArgumentException("a selection is written as CSV or JSON Lines");
        }
        try {
            EntryFormatter f = EntryFormatter.of(format, out, CsvCells.SPREADSHEET_SAFE);
            f.begin();
            for (FeedbackEntry e : entries) {
                f.write(e);
            }
            f.end(entries.size(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
