package dev.feedbackloop.transfer;

import dev.feedbackloop.FeedbackLoopException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a feedback file in the format of its extension, all or nothing: entries go to a hidden
 * sibling file that replaces the target only on {@link #commit()}; {@link #close()} without a
 * commit deletes it, leaving any earlier file at the target untouched. Not thread-safe.
 */
public final class FeedbackFileWriter implements AutoCloseable {
    private final Path target;
    private final Path partial;
    private final FileChannel channel;
    private final OutputStream out;
    private final EntryFormatter formatter;
    private long count;
    private boolean committed;

    private FeedbackFileWriter(Path target, Path partial, FileChannel channel, FileFormat format, CsvCells cells)
            throws IOException {
        this.target = target;
        this.partial = partial;
        this.channel = channel;
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        this.formatter = EntryFormatter.of(format, out, cells);
        formatter.begin();
    }

    /** {@link #open(Path, CsvCells)} with CSV formulas neutralised. */
    public static FeedbackFileWriter open(Path target) {
        return open(target, CsvCells.SPREADSHEET_SAFE);
    }

    /**
     * Starts writing {@code target} (parent folders are created).
     *
     * @param cells how a CSV file's text cells are written (other formats ignore it)
     * @throws dev.feedbackloop.InvalidInputException when the extension is none of {@link FileFormat}'s
     * @throws FeedbackLoopException when the folder cannot be written
     */
    public static FeedbackFileWriter open(Path target, CsvCells cells) {
        FileFormat format = FileFormat.of(target);
        Path absolute = target.toAbsolutePath();
        Path partial = absolute.resolveSibling("." + absolute.getFileName() + ".partial");
        FileChannel channel = null;
        try {
            Files.createDirectories(absolute.getParent());
            channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            return new FeedbackFileWriter(target, partial, channel, format, cells);
        } catch (IOException e) {
            closeQuietly(channel);
            deleteQuietly(partial);
            throw failure("cannot write " + target, e);
        }
    }

    public void write(FeedbackEntry e) {
        try {
            formatter.write(e);
            count++;
        } catch (IOException ex) {
            throw failure("cannot write " + target, ex);
        }
    }

    /** Entries written so far. */
    public long count() {
        return count;
    }

    /** Finishes the file and moves it into place (replacing an earlier file). */
    public void commit() {
        try {
            formatter.end(count, channel);
            out.flush();
            channel.close();
            AtomicFiles.moveIntoPlace(partial, target);
            committed = true;
        } catch (IOException e) {
            throw failure("cannot write " + target, e);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            closeQuietly(channel);
            deleteQuietly(partial);
        }
    }

    static FeedbackLoopException failure(String what, IOException e) {
        String reason = e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
        return new FeedbackLoopException(what + ": " + reason, e);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the partial file is deleted next; nothing else to release
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover hidden .partial file is harmless and overwritten by the next attempt
        }
    }
}
