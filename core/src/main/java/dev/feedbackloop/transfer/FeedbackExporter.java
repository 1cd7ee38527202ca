package dev.feedbackloop.transfer;

import dev.feedbackloop.storage.FeedbackQuery;
import dev.feedbackloop.storage.FeedbackStore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Writes stored feedback to a file in the format of its extension, oldest first, streaming (memory
 * does not grow with the data). The file appears complete or not at all ({@link FeedbackFileWriter}).
 * Thread-safe.
 */
public final class FeedbackExporter {
    private static final int PROGRESS_EVERY = 256;

    private final FeedbackStore store;

    public FeedbackExporter(FeedbackStore store) {
        this.store = store;
    }

    /** What an export wrote. */
    public record ExportResult(Path file, FileFormat format, long entries, Duration elapsed) {
    }

    /**
     * @param query    which entries (its limit, if any, keeps the oldest ones)
     * @param progress told the entries written, and the total when the query has no filter
     * @throws dev.feedbackloop.InvalidInputException for an unknown extension
     * @throws dev.feedbackloop.FeedbackLoopException when the file cannot be written
     */
    public ExportResult export(Path file, FeedbackQuery query, Progress progress) {
        return export(file, query, CsvCells.SPREADSHEET_SAFE, progress);
    }

    /**
     * @param cells how a CSV file's text cells are written
     * @throws dev.feedbackloop.InvalidInputException also when {@code file} is the database itself
     *         ({@link dev.feedbackloop.storage.FeedbackStore#refuseToOverwrite}); nothing is written
     */
    public ExportResult export(Path file, FeedbackQuery query, CsvCells cells, Progress progress) {
        return export(file, query, cells, java.util.function.UnaryOperator.identity(), progress);
    }

    /**
     * @param each what is written for each stored entry ({@code export --redact}: a masked copy,
     *             {@link dev.feedbackloop.privacy.ExportRedaction})
     */
    public ExportResult export(Path file, FeedbackQuery query, CsvCells cells,
            java.util.function.UnaryOperator<dev.feedbackloop.capture.FeedbackEntry> each, Progress progress) {
        long started = System.nanoTime();
        FileFormat format = FileFormat.of(file);
        store.refuseToOverwrite(file, "the export file");
        long total = query.equals(FeedbackQuery.ALL) ? store.count() : -1;
        try (FeedbackFileWriter writer = FeedbackFileWriter.open(file, cells)) {
            store.forEach(query, e -> {
                writer.write(each.apply(e));
                if (writer.count() % PROGRESS_EVERY == 0) {
                    progress.update(writer.count(), total);
                }
            });
            progress.update(writer.count(), writer.count());
            writer.commit();
            return new ExportResult(file, format, writer.count(), Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
