package dev.feedbackloop.storage;

import dev.feedbackloop.ErrorKind;
import dev.feedbackloop.StorageException;

/** The disk holding the database is full. The write was rolled back: nothing was half-stored. */
public class DiskFullException extends StorageException {
    public DiskFullException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.DISK_FULL;
    }
}
