package dev.feedbackloop.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.capture.PromptFeature;
import dev.feedbackloop.storage.AnalysisRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packed window scan returns exactly what was stored, including the rows that need the plain path. */
class ScanRowsTest {
    static final Instant T = Instant.parse("2026-11-20T10:15:30.123456Z");

    @TempDir
    Path dir;

    @Test
    void packedRowsDecodeToTheStoredValues() throws Exception {
        Path db = dir.resolve("f.db");
        List<AnalysisRow> rows = new ArrayList<>();
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(db)) {
            store.insert(FeedbackEntry.builder("Give examples, e.g. two, as JSON.", "ok", 4).thumbsUp(true)
                    .tags("code", "naïve ünïcode").framework("few-shot").model("gpt-4o")
                    .contextValue("task_type", "extraction").timestamp(T).feedbackId("a").build());
            store.insert(FeedbackEntry.builder("Plain.", "ok", 2).thumbsUp(false).timestamp(T.plusSeconds(1))
                    .feedbackId("b").build());
            store.insert(FeedbackEntry.builder("Odd name.", "ok", 3).thumbsUp(true).framework("odd\u001fname")
                    .tags("x").timestamp(T.plusSeconds(2)).feedbackId("c").build());
            store.scan(T.minusSeconds(60), T.plusSeconds(60), rows::add);
        }
        assertThat(rows).hasSize(3);
        AnalysisRow a = rows.get(0);
        assertThat(a.timestamp()).isEqualTo(T);
        assertThat(a.rating()).isEqualTo(4);
        assertThat(a.thumbsUp()).isTrue();
        assertThat(a.framework()).isEqualTo("few-shot");
        assertThat(a.model()).isEqualTo("gpt-4o");
        assertThat(a.taskType()).isEqualTo("extraction");
        assertThat(a.tags()).containsExactly("code", "naïve ünïcode");
        assertThat(PromptFeature.fromMask(a.features())).contains(PromptFeature.EXAMPLES, PromptFeature.FORMAT_SPEC);
        assertThat(a.promptChars()).isEqualTo("Give examples, e.g. two, as JSON.".length());
        AnalysisRow b = rows.get(1);
        assertThat(b.framework()).isNull();
        assertThat(b.model()).isNull();
        assertThat(b.tags()).isEmpty();
        assertThat(b.thumbsUp()).isFalse();
        assertThat(b.id()).isGreaterThan(a.id());
        assertThat(rows.get(2).framework()).isEqualTo("odd\u001fname");
        assertThat(rows.get(2).tags()).containsExactly("x");
    }

    @Test
    void aTimestampInAnotherShapeIsStillRead() throws Exception {
        Path db = dir.resolve("g.db");
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(db)) {
            store.insert(FeedbackEntry.builder("p", "o", 5).timestamp(T).feedbackId("a").build());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().executeUpdate("UPDATE feedback SET timestamp = '2026-11-20T10:15:30.123456Z'");
        }
        List<AnalysisRow> rows = new ArrayList<>();
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(db)) {
            store.scan(null, null, rows::add);
        }
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.timestamp()).isEqualTo(T));
        assertThat(ScanRows.instant("2026-11-20T10:15:30.123456+00:00".getBytes(StandardCharsets.UTF_8), 32))
                .isEqualTo(T);
    }
}
