package dev.feedbackloop.transfer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.internal.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The export document {@code {"exported_at": ..., "total_entries": N, "entries": [...]}}, one entry
 * per line. Streamed: the total is not known when the header is written, so a fixed-width field of
 * spaces is reserved for it and filled in at the end (JSON allows the whitespace).
 */
final class JsonDocumentFormatter implements EntryFormatter {
    private static final int TOTAL_WIDTH = 20;

    private final JsonGenerator g;
    private long totalOffset = -1;
    private boolean first = true;

    JsonDocumentFormatter(OutputStream out) throws IOException {
        this.g = Json.FACTORY.createGenerator(out, JsonEncoding.UTF8).setRootValueSeparator(null);
    }

    /** Must be the first thing written to the file: the total's place is counted from its start. */
    @Override
    public void begin() throws IOException {
        String head = "{\n  \"exported_at\": \"" + Timestamps.format(Instant.now()) + "\",\n  \"total_entries\": ";
        g.writeRaw(head);
        totalOffset = head.getBytes(StandardCharsets.UTF_8).length;
        g.writeRaw(" ".repeat(TOTAL_WIDTH) + ",\n  \"entries\": [");
    }

    @Override
    public void write(FeedbackEntry e) throws IOException {
        g.writeRaw(first ? "\n    " : ",\n    ");
        first = false;
        EntryJson.write(g, e);
    }

    @Override
    public void end(long count, FileChannel channel) throws IOException {
        g.writeRaw(first ? "]\n}\n" : "\n  ]\n}\n");
        g.flush();
        String total = String.format("%" + TOTAL_WIDTH + "d", count);
        channel.write(ByteBuffer.wrap(total.getBytes(StandardCharsets.US_ASCII)), totalOffset);
    }
}
