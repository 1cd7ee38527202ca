package dev.feedbackloop.transfer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;

/** One entry object per line, UTF-8, "\n" line ends. */
final class JsonLinesFormatter implements EntryFormatter {
    private final JsonGenerator g;

    JsonLinesFormatter(OutputStream out) throws IOException {
        this.g = Json.FACTORY.createGenerator(out, JsonEncoding.UTF8).setRootValueSeparator(null);
    }

    @Override
    public void begin() {
    }

    @Override
    public void write(FeedbackEntry e) throws IOException {
        EntryJson.write(g, e);
        g.writeRaw('\n');
    }

    @Override
    public void end(long count, FileChannel channel) throws IOException {
        g.flush();
    }
}
