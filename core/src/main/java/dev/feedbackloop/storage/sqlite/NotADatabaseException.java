package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.ErrorKind;
import dev.feedbackloop.StorageException;

/** The path given as database holds something else; it was not modified. */
public class NotADatabaseException extends StorageException {
    public NotADatabaseException(String message) {
        super(message);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.NOT_A_DATABASE;
    }
}
