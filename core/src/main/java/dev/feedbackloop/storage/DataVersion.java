package dev.feedbackloop.storage;

/**
 * Identifies the stored data for cache validity: the highest row id. Entries are never updated or
 * deleted in place, so any new feedback changes it. Cheap to read (one index probe).
 */
public record DataVersion(long maxId) {
    public String token() {
        return Long.toString(maxId);
    }
}
