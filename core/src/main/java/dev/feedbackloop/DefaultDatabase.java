package dev.feedbackloop;

import java.nio.file.Path;

/**
 * Where the database is when nobody says: {@code $FEEDBACK_DB} (a blank value counts as unset), else
 * {@code data/feedback.db} under the working directory. Shared by the library and the command line.
 */
public final class DefaultDatabase {
    public static final Path PATH = Path.of("data", "feedback.db");

    private DefaultDatabase() {
    }

    /** {@code $FEEDBACK_DB} as given (a file path or a database URL), else {@link #PATH}. */
    public static String location() {
        String env = System.getenv("FEEDBACK_DB");
        return env == null || env.isBlank() ? PATH.toString() : env;
    }

    public static Path resolve() {
        String env = System.getenv("FEEDBACK_DB");
        return env == null || env.isBlank() ? PATH : Path.of(env);
    }
}
