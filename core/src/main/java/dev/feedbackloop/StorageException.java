package dev.feedbackloop;

/** The database could not be opened, read or written. Any transaction in progress was rolled back. */
public class StorageException extends FeedbackLoopException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.STORAGE;
    }
}
