package dev.feedbackloop.storage;

import java.util.List;
import java.util.Map;

/**
 * What {@code feedback verify} finds: the database's own integrity check, its schema version, the
 * rows of each table, and votes in history whose rater's vote on that output no longer exists
 * (the later vote was deleted): they are counted nowhere, which is right, but worth knowing.
 *
 * @param integrity      the problems the integrity check reported; empty when the database is sound
 * @param schemaVersion  the version the database is at
 * @param expectedSchema the version this build writes
 * @param rows           rows per table, in a stable order
 * @param checked        what the integrity check covered, in words ("not checked: ..." when the
 *                       database offered no check; {@code integrity} is empty then)
 */
public record StoreCheck(List<String> integrity, int schemaVersion, int expectedSchema, Map<String, Long> rows,
        long orphanedVotes, String checked) {
    public StoreCheck {
        integrity = List.copyOf(integrity);
        rows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rows));
        java.util.Objects.requireNonNull(checked, "checked");
    }

    /** Sound and at the current schema. */
    public boolean ok() {
        return integrity.isEmpty() && schemaVersion == expectedSchema;
    }
}
