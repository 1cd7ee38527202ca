package dev.feedbackloop.transfer;

import dev.feedbackloop.InvalidInputException;
import java.nio.file.Path;
import java.util.Locale;

/** The feedback file formats, chosen by file name extension. */
public enum FileFormat {
    /** {@code .jsonl}: one entry object per line. */
    JSON_LINES(".jsonl"),
    /** {@code .csv}: a header row, one column per field; tags and context as JSON text. */
    CSV(".csv"),
    /** {@code .json}: {@code {"exported_at": ..., "total_entries": N, "entries": [...]}}. */
    JSON(".json");

    private final String extension;

    FileFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** @throws InvalidInputException when the name ends in none of the known extensions */
    public static FileFormat of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (FileFormat f : values()) {
            if (name.endsWith(f.extension)) {
                return f;
            }
        }
        throw new InvalidInputException("cannot tell the format of '" + file + "': use a name ending in "
                + ".jsonl (JSON Lines), .csv or .json (export document)");
    }
}
