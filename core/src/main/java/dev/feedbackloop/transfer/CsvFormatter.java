package dev.feedbackloop.transfer;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.internal.Timestamps;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * RFC 4180 CSV with a header row, one column per field of the specification's entry; tags and
 * context as JSON text, notes empty when absent. Cells with commas, quotes or line breaks are quoted;
 * text cells are written as {@link CsvCells} says (formulas neutralised by default).
 */
final class CsvFormatter implements EntryFormatter {
    static final String[] HEADER =
            {"feedback_id", "timestamp", "prompt", "output", "rating", "thumbs_up", "tags", "context", "notes"};

    private final CSVPrinter printer;
    private final CsvCells cells;

    CsvFormatter(OutputStream out, CsvCells cells) throws IOException {
        this.cells = cells;
        this.printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16),
                CSVFormat.RFC4180);
    }

    @Override
    public void begin() throws IOException {
        printer.printRecord((Object[]) HEADER);
    }

    @Override
    public void write(FeedbackEntry e) throws IOException {
        printer.printRecord(cells.write(e.feedbackId()), Timestamps.format(e.timestamp()), cells.write(e.prompt()),
                cells.write(e.output()), e.rating(), e.thumbsUp(), Json.write(e.tags()), Json.write(e.context()),
                e.notes() == null ? "" : cells.write(e.notes()));
    }

    @Override
    public void end(long count, FileChannel channel) throws IOException {
        printer.flush();
    }
}
