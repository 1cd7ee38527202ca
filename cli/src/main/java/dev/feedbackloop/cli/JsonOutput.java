package dev.feedbackloop.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;

/**
 * Standard output of a {@code --json} run, held back until the command has finished: a command that
 * fails half-way never leaves half a JSON document on stdout. On success the whole document is
 * written out; on failure {@link #discard()} drops it and the error object takes its place.
 */
final class JsonOutput extends PrintWriter {
    private final StringWriter buffer;

    JsonOutput() {
        this(new StringWriter());
    }

    private JsonOutput(StringWriter buffer) {
        super(buffer, true);
        this.buffer = buffer;
    }

    /** Drops everything written so far. */
    void discard() {
        flush();
        buffer.getBuffer().setLength(0);
    }

    /** Writes what was held back to {@code target}. */
    void release(Writer target) {
        flush();
        PrintWriter out = target instanceof PrintWriter ? (PrintWriter) target : new PrintWriter(target);
        out.write(buffer.toString());
        out.flush();
        buffer.getBuffer().setLength(0);
    }
}
