package dev.feedbackloop.access;

import dev.feedbackloop.InvalidInputException;
import java.util.Locale;

/** What an API key may do. A capture key only writes feedback; a read key reads; admin does everything. */
public enum KeyScope {
    CAPTURE,
    READ,
    ADMIN;

    /** Whether a key of this scope may do what {@code needed} guards. */
    public boolean allows(KeyScope needed) {
        return this == ADMIN || this == needed;
    }

    /** The lower-case name used on the command line, in the database and in messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidInputException for anything but capture, read or admin */
    public static KeyScope parse(String text) {
        for (KeyScope s : values()) {
            if (s.label().equals(text)) {
                return s;
            }
        }
        throw new InvalidInputException("scope must be capture, read or admin, got '" + text + "'", "scope");
    }
}
