package dev.feedbackloop.storage;

import java.util.Map;

/**
 * What {@code feedback migrate} did: rows per table in the source, in the target afterwards, and
 * how many this run added (zero everywhere when it ran before: a copy is idempotent).
 */
public record StoreCopy(String source, String target, Map<String, Long> sourceRows, Map<String, Long> targetRows,
        Map<String, Long> added) {
    public StoreCopy {
        sourceRows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sourceRows));
        targetRows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(targetRows));
        added = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(added));
    }
}
