package dev.feedbackloop.transfer;

/**
 * Receives progress of long transfers: bytes of the file for imports, entries for exports and
 * generation. Called from the working thread, often; implementations must be cheap.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total) -> { };

    /** @param total the expected final {@code done}, or -1 when unknown */
    void update(long done, long total);
}
