package dev.feedbackloop.lifecycle;

/** The names the audit trail gives to who acted. */
public final class Actors {
    /** The daily retention purge of {@code feedback serve}. */
    public static final String RETENTION = "retention";
    /** A program using the Java library without naming itself. */
    public static final String LIBRARY = "library";

    private Actors() {
    }

    /** A command run by the operating-system user of this process. */
    public static String cli() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    /** A request made with the API key of that name. */
    public static String key(String name) {
        return "key:" + name;
    }
}
