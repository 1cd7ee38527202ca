package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** delete, purge and audit from the command line. */
class LifecycleCommandsTest {
    private static final String SECRET = "a-very-distinctive-secret-text";

    @TempDir
    Path dir;

    private Path db() throws Exception {
        Path db = dir.resolve("a.db");
        Instant now = Instant.now();
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(db); BatchWriter w = store.openBatch()) {
            for (int i = 0; i < 40; i++) {
                w.add(FeedbackEntry.builder(i % 4 == 0 ? SECRET + " " + i : "prompt " + i, "answer", 1 + i % 5)
                        .raterId(i % 4 == 0 ? "user-42" : "user-" + i).outputId("o" + i)
                        .tags(List.of(i % 2 == 0 ? "beta" : "stable")).timestamp(now.minus(Duration.ofDays(i * 5L)))
                        .build());
            }
            w.commit();
        }
        return db;
    }

    @Test
    void deleteByRaterWithADryRunThenForRealAndVacuumed() throws Exception {
        Path db = db();
        CliRun dry = CliRun.run("delete", "--rater", "user-42", "--dry-run", "--db", db.toString(), "--json");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.json()).containsEntry("entries", 10).containsEntry("dry_run", true);
        assertThat(fileHolds(db, SECRET)).isTrue();

        CliRun done = CliRun.run("delete", "--rater", "user-42", "--vacuum", "--db", db.toString());
        assertThat(done.exitCode()).as(done.err()).isZero();
        assertThat(done.out()).startsWith("Deleted 10 entries").contains("VACUUM");
        assertThat(fileHolds(db, SECRET)).as("gone from the file, not only hidden").isFalse();
        assertThat(CliRun.run("stats", "--db", db.toString(), "--json").json()).containsEntry("total_feedback", 30);
    }

    @Test
    void deleteByFilterPurgeByAgeAndTheAuditTrailListsBoth() throws Exception {
        Path db = db();
        CliRun where = CliRun.run("delete", "--tags", "stable", "--max-rating", "2", "--db", db.toString(), "--json");
        assertThat(where.exitCode()).as(where.err()).isZero();
        long stableLow = java.util.stream.IntStream.range(0, 40).filter(i -> i % 2 == 1 && 1 + i % 5 <= 2).count();
        assertThat(where.json()).containsEntry("entries", (int) stableLow);

        CliRun purge = CliRun.run("purge", "--older-than", "100d", "--db", db.toString(), "--json");
        assertThat(purge.exitCode()).as(purge.err()).isZero();
        assertThat(((Number) purge.json().get("entries")).intValue()).isPositive();

        CliRun audit = CliRun.run("audit", "--db", db.toString(), "--json");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) Json.parse(audit.out());
        assertThat(events).extracting(e -> e.get("action")).containsExactly("purge", "delete");
        assertThat((String) events.get(0).get("actor")).startsWith("cli:");
        assertThat(CliRun.run("audit", "--db", db.toString()).out()).contains("purge").contains("\"tags\":[\"stable\"]");
    }

    @Test
    void nothingToDeleteWithoutAConditionAndABadAgeAreUsageErrors() throws Exception {
        Path db = db();
        CliRun none = CliRun.run("delete", "--db", db.toString());
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("say what to delete");
        assertThat(CliRun.run("purge", "--older-than", "soon", "--db", db.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.run("purge", "--db", db.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.run("stats", "--db", db.toString(), "--json").json()).containsEntry("total_feedback", 40);
    }

    @Test
    void keyChangesAreAudited() throws Exception {
        Path db = db();
        assertThat(CliRun.run("keys", "create", "--name", "k1", "--scope", "read", "--db", db.toString()).exitCode()).isZero();
        assertThat(CliRun.run("keys", "revoke", "k1", "--db", db.toString()).exitCode()).isZero();
        CliRun audit = CliRun.run("audit", "--db", db.toString(), "--json");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) Json.parse(audit.out());
        assertThat(events).extracting(e -> e.get("action")).containsExactly("key.revoke", "key.create");
        assertThat(audit.out()).doesNotContain("fbk_");
    }

    @Test
    void exportRedactMasksEveryTextAndPseudonymisesRaters() throws Exception {
        Path db = dir.resolve("r.db");
        CliRun c1 = CliRun.run("capture", "--db", db.toString(), "--prompt", "Mail jane.doe@example.com please",
                "--output", "Call +44 20 7946 0958", "--rating", "2", "--notes", "card 4111 1111 1111 1111",
                "--context", "{\"ip\": \"203.0.113.42\"}", "--rater-id", "jane@example.com", "--output-id", "o1");
        assertThat(c1.exitCode()).as(c1.err()).isZero();
        assertThat(CliRun.run("capture", "--db", db.toString(), "--prompt", "p", "--output", "o", "--rating", "5",
                "--rater-id", "jane@example.com", "--output-id", "o2").exitCode()).isZero();
        Path out = dir.resolve("shared.jsonl");
        CliRun export = CliRun.run("export", out.toString(), "--redact", "--db", db.toString(), "--json");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.json()).containsEntry("redacted", true).containsEntry("entries", 2);
        String text = Files.readString(out);
        assertThat(text).doesNotContain("jane", "7946", "4111", "203.0.113")
                .contains("Mail [email] please", "Call [phone]", "card [card]", "\"ip\":\"[ip]\"");
        List<String> lines = Files.readAllLines(out);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) Json.parse(lines.get(0));
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) Json.parse(lines.get(1));
        @SuppressWarnings("unchecked")
        Map<String, Object> firstContext = (Map<String, Object>) first.get("context");
        assertThat(firstContext.get("masked")).isEqualTo(Map.of("email", 1, "phone", 1, "card", 1, "ip", 1));
        assertThat((String) firstContext.get("rater_id")).startsWith("rater-")
                .isEqualTo(((Map<?, ?>) second.get("context")).get("rater_id"));
        assertThat(CliRun.run("export", dir.resolve("plain.jsonl").toString(), "--db", db.toString()).exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("plain.jsonl"))).contains("jane.doe@example.com");
    }

    /** Whether the database's files (with its write-ahead log) hold {@code text} anywhere, deleted pages included. */
    private static boolean fileHolds(Path db, String text) throws Exception {
        for (String suffix : List.of("", "-wal")) {
            Path f = db.resolveSibling(db.getFileName() + suffix);
            if (Files.exists(f) && new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(text)) {
                return true;
            }
        }
        return false;
    }
}
