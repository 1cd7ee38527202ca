package dev.feedbackloop.transfer;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;

/** Reads the records of one import file in file order, a batch at a time. Not thread-safe. */
interface RecordReader extends Closeable {

    /** The next records; an empty list once the file is exhausted. Bad records come back as errors, not exceptions. */
    List<ParsedRecord> next() throws IOException;

    /**
     * The next records as a task that reads them, null once the file is exhausted. Tasks may be
     * called on other threads, several at once, in any order; each gives its batch as {@link #next}
     * would have. Readers that cannot split their work give the batch they already read.
     */
    default Callable<List<ParsedRecord>> nextTask() throws IOException {
        List<ParsedRecord> batch = next();
        return batch.isEmpty() ? null : () -> batch;
    }

    /** Bytes of the file consumed so far. */
    long bytesRead();

    /**
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws dev.feedbackloop.InvalidInputException when the whole file is unusable (a CSV without the
     *         required header columns, a JSON document of another shape)
     */
    static RecordReader open(Path file, FileFormat format, ImportOptions options) throws IOException {
        ZoneId zone = options.zone();
        switch (format) {
            case JSON_LINES:
                return new JsonLinesReader(file, zone);
            case CSV:
                return CsvRecordReader.open(file, zone, options.csvCells());
            case JSON:
                return JsonDocumentReader.open(file, zone);
            default:
                throw new IllegalArgumentException(format.name());
        }
    }
}
