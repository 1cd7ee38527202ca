package dev.feedbackloop.transfer;

import dev.feedbackloop.capture.FeedbackEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;

/** Writes entries in one {@link FileFormat} to a stream. Not thread-safe. */
interface EntryFormatter {

    void begin() throws IOException;

    void write(FeedbackEntry e) throws IOException;

    /**
     * Completes the file and flushes everything to {@code channel}, the file being written (the
     * JSON document fills in its total there).
     */
    void end(long count, FileChannel channel) throws IOException;

    static EntryFormatter of(FileFormat format, OutputStream out, CsvCells cells) throws IOException {
        switch (format) {
            case JSON_LINES:
                return new JsonLinesFormatter(out);
            case CSV:
                return new CsvFormatter(out, cells);
            case JSON:
                return new JsonDocumentFormatter(out);
            default:
                throw new IllegalArgumentException(format.name());
        }
    }
}
