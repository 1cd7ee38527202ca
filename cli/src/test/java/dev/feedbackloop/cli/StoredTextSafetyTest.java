package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.internal.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What users typed reaches a terminal harmless, JSON and files exact, and never half a document. */
class StoredTextSafetyTest {
    private static final String HOSTILE = "clear\u001b[2J\u001b]52;c;aGVsbG8=\u0007 done\r\u009b\u202eevil";

    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("f.db");
    }

    @Test
    void controlCharactersAreEscapedInTextAndExactInJson() {
        assertThat(CliRun.run("capture", "--db", db().toString(), "--prompt", HOSTILE, "--output", "o", "--rating", "2",
                "--notes", HOSTILE, "--tags", "a\u001b[31m").exitCode()).isZero();

        String text = CliRun.run("list", "--db", db().toString()).out();
        assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b")
                .doesNotContain("\u202e").doesNotContain("\r");
        assertThat(text).contains("clear\\x1B[2J\\x1B]52;c;aGVsbG8=\\x07 done").contains("\\u202Eevil")
                .contains("a\\x1B[31m");

        Object json = Json.parse(CliRun.run("list", "--db", db().toString(), "--json").out());
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = (Map<String, Object>) ((List<Object>) json).get(0);
        assertThat(entry.get("prompt")).isEqualTo(HOSTILE);
        assertThat(entry.get("notes")).isEqualTo(HOSTILE);
    }

    @Test
    void aTextReportEscapesStoredTextsToo() {
        CliRun.fill(db(), 60, 5, 3);
        CliRun.run("capture", "--db", db().toString(), "--prompt", "p", "--output", "o", "--rating", "1",
                "--tags", "x\u001b]0;pwned\u0007", "--framework", "f\u001b[2J");
        String report = CliRun.run("report", "--db", db().toString(), "--min-support", "1").out();
        assertThat(report).doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @Test
    void aContextBeyondTheLimitsIsRefusedBeforeAnythingIsStored() {
        String deep = "{\"k\":".repeat(33) + "1" + "}".repeat(33);
        CliRun run = CliRun.run("capture", "--db", db().toString(), "--prompt", "p", "--output", "o", "--rating", "3",
                "--context", deep, "--json");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.json()).containsKey("error");
        assertThat(run.err()).contains("context is nested more than 32 levels deep");
        String thousand = "{\"k\":".repeat(1000) + "1" + "}".repeat(1000);
        assertThat(CliRun.run("capture", "--db", db().toString(), "--prompt", "p", "--output", "o", "--rating", "3",
                "--context", thousand, "--json").exitCode()).isEqualTo(2);
        String big = "{\"k\": \"" + "x".repeat(70_000) + "\"}";
        CliRun large = CliRun.run("capture", "--db", db().toString(), "--prompt", "p", "--output", "o", "--rating", "3",
                "--context", big);
        assertThat(large.exitCode()).isEqualTo(2);
        assertThat(large.err()).contains("context is too large");
        assertThat(CliRun.run("stats", "--db", db().toString(), "--json").json().get("total_feedback")).isEqualTo(0);

        String atTheLimit = "{\"k\":".repeat(32) + "1" + "}".repeat(32);
        assertThat(CliRun.run("capture", "--db", db().toString(), "--prompt", "p", "--output", "o", "--rating", "3",
                "--context", atTheLimit, "--json").exitCode()).isZero();
        assertThat(Json.parse(CliRun.run("list", "--db", db().toString(), "--json").out())).isInstanceOf(List.class);
    }

    /** An entry that breaks the JSON writer (stored by an older version) fails list --json cleanly: one document. */
    @Test
    void aFailingJsonCommandPrintsOnlyTheErrorObject() throws Exception {
        CliRun.fill(db(), 3, 1, 1);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
             Statement st = c.createStatement()) {
            String deep = "{\"k\":".repeat(999) + "1" + "}".repeat(999);
            st.execute("UPDATE feedback SET context = '" + deep + "' WHERE id = (SELECT id FROM feedback ORDER BY timestamp LIMIT 1)");
        }
        CliRun run = CliRun.run("list", "--db", db().toString(), "--json");
        assertThat(run.exitCode()).isNotZero();
        Map<String, Object> out = run.json();
        assertThat(out).containsOnlyKeys("error");
    }
}
