package dev.feedbackloop.storage;

import dev.feedbackloop.ErrorKind;
import dev.feedbackloop.StorageException;

/**
 * The database's tables lack what this version needs (a column dropped by hand, a table from
 * another program of the same name). Nothing was changed; every command reports it the same way.
 */
public class IncompatibleSchemaException extends StorageException {
    public IncompatibleSchemaException(String message) {
        super(message);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INCOMPATIBLE_SCHEMA;
    }
}
