package dev.feedbackloop.internal;

import dev.feedbackloop.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a whole file or nothing: to a temporary sibling first, then renamed into place. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Temporary files are created owner-only; a report or export is an ordinary file (rw-r--r--). */
    public static void readableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Replaces {@code target} with the finished {@code tmp}: atomically where the file system can. */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Creates missing parent folders and replaces {@code target} with {@code text} (UTF-8).
     *
     * @throws StorageException when the file cannot be written; no partial file is left behind
     */
    public static void write(Path target, String text) {
        Path absolute = target.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(absolute.getParent());
            tmp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            readableByAll(tmp);
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            moveIntoPlace(tmp, absolute);
        } catch (IOException e) {
            throw new StorageException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and harmless
                }
            }
        }
    }
}
