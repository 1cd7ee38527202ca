package dev.feedbackloop.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.storage.EntryRow;
import dev.feedbackloop.storage.FeedbackQuery;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextLimitsTest {
    @TempDir
    Path dir;

    /** A context nested {@code depth} levels deep, the context object itself being level 1. */
    static Map<String, Object> nested(int depth) {
        Object value = 1;
        for (int i = 1; i < depth; i++) {
            value = i % 2 == 0 ? List.of(value) : Map.of("k", value);
        }
        return Map.of("k", value);
    }

    @Test
    void depthIsLimitedTo32Levels() {
        ContextLimits.check(nested(32));
        assertThatThrownBy(() -> ContextLimits.check(nested(33))).isInstanceOf(InvalidInputException.class)
                .hasMessage("context is nested more than 32 levels deep");
    }

    @Test
    void sizeCountsCharactersOfKeysAndStringsAndOneForOtherValues() {
        ContextLimits.check(Map.of("k", "x".repeat(65_534)));
        assertThatThrownBy(() -> ContextLimits.check(Map.of("k", "x".repeat(65_535))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("context is too large: size 65537");
        assertThatThrownBy(() -> ContextLimits.check(Map.of("list", java.util.Collections.nCopies(70_000, 1))))
                .hasMessageContaining("too large");
    }

    @Test
    void nothingBeyondTheLimitsIsStoredByAnyWayIn() {
        FeedbackEntry deep = FeedbackEntry.builder("p", "o", 3).context(nested(40)).build();
        assertThatThrownBy(() -> EntryRow.of(deep)).isInstanceOf(InvalidInputException.class);
        try (SqliteFeedbackStore s = SqliteFeedbackStore.open(dir.resolve("f.db"))) {
            assertThatThrownBy(() -> s.insert(deep)).isInstanceOf(InvalidInputException.class);
            try (var batch = s.openBatch()) {
                assertThatThrownBy(() -> batch.add(deep)).isInstanceOf(InvalidInputException.class);
            }
            assertThat(s.find(FeedbackQuery.ALL)).isEmpty();
        }
    }
}
