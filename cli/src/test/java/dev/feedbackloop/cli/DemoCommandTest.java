package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demoRunsEveryStepAndAddsSamplesOnlyOnce() {
        Path db = dir.resolve("data/feedback.db");

        CliRun first = CliRun.run("demo", "--db", db.toString(), "--count", "800");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("$ feedback generate --count 800", "$ feedback analyze --days 30",
                "$ feedback report --period weekly", "$ feedback suggest", "$ feedback route", "What to try next");
        assertThat(Files.exists(dir.resolve("data/reports/weekly-demo.html"))).isTrue();

        CliRun second = CliRun.run("--demo", "--db", db.toString(), "--count", "800");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("adding no samples").doesNotContain("$ feedback generate");
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(db)) {
            assertThat(store.count()).isEqualTo(800);
        }
    }
}
