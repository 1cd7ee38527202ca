package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.storage.postgres.PostgresServer;
import dev.feedbackloop.storage.postgres.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on PostgreSQL: the same commands with a URL, clear one-line errors, and migrate. */
class PostgresCliTest {
    @TempDir
    Path dir;

    @Test
    void captureListAndStatsWithAUrl() {
        String url = TestPostgres.newDatabase();
        CliRun captured = CliRun.run("capture", "--db", url, "--prompt", "Explain recursion", "--output", "It calls itself",
                "--rating", "5", "--tags", "a,b", "--json");
        assertThat(captured.exitCode()).isZero();
        CliRun listed = CliRun.run("list", "--db", url, "--json");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).contains("Explain recursion").doesNotContain(PostgresServer.PASSWORD);
        CliRun stats = CliRun.run("stats", "--db", url, "--json");
        assertThat(stats.json()).containsEntry("total_feedback", 1);
    }

    @Test
    void aWrongPasswordIsOneLineAndExitOne() {
        String url = TestPostgres.server().url("postgres").replace(PostgresServer.PASSWORD, "wrong");
        CliRun run = CliRun.run("stats", "--db", url);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err().strip()).startsWith("error: wrong password for user postgres").doesNotContain("\n")
                .doesNotContain("wrong@");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void migrateCopiesOnceAndReportsCountsOnBothSides() {
        String file = dir.resolve("feedback.db").toString();
        assertThat(CliRun.run("generate", "--db", file, "--count", "300", "--days", "10", "--seed", "3").exitCode()).isZero();
        assertThat(CliRun.run("analyze", "--db", file, "--days", "30").exitCode()).isZero(); // fills pattern_cache
        String url = TestPostgres.newDatabase();

        CliRun first = CliRun.run("migrate", "--from", file, "--to", url, "--json");
        assertThat(first.exitCode()).as(first.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> tables = (Map<String, Map<String, Object>>) first.json().get("tables");
        assertThat(tables.get("feedback")).containsEntry("source", 300).containsEntry("target", 300)
                .containsEntry("added", 300);
        assertThat((Integer) tables.get("pattern_cache").get("added")).isPositive();
        assertThat(first.json().get("to").toString()).doesNotContain(PostgresServer.PASSWORD);

        CliRun second = CliRun.run("migrate", "--from", file, "--to", url);
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("feedback").contains("300");
        for (String line : second.out().lines().skip(2).toList()) {
            assertThat(line.strip()).endsWith(" 0");
        }
        assertThat(CliRun.run("stats", "--db", url, "--json").json()).containsEntry("total_feedback", 300);
        assertThat(CliRun.run("migrate", "--from", dir.resolve("missing.db").toString(), "--to", url).exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(List.of(CliRun.run("migrate", "--from", file, "--to", dir.resolve("x.db").toString()).exitCode()))
                .containsExactly(ExitCodes.USAGE);
    }

    @Test
    void backupVerifyAndRestoreBetweenPostgresqlDatabasesAndFiles() {
        String url = TestPostgres.newDatabase();
        assertThat(CliRun.run("generate", "--db", url, "--count", "150", "--days", "10", "--seed", "4").exitCode()).isZero();
        Path backup = dir.resolve("backups/pg.db");
        CliRun b = CliRun.run("backup", backup.toString(), "--db", url, "--json");
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.json()).containsEntry("entries", 150);
        assertThat(CliRun.run("backup", backup.toString(), "--db", url).exitCode()).isEqualTo(ExitCodes.USAGE);

        CliRun fileCheck = CliRun.run("verify", "--db", backup.toString(), "--json");
        assertThat(fileCheck.exitCode()).as(fileCheck.err()).isZero();
        assertThat(fileCheck.json()).containsEntry("ok", true);

        String target = TestPostgres.newDatabase();
        CliRun r = CliRun.run("restore", backup.toString(), "--db", target);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Restored 150 entries").doesNotContain(PostgresServer.PASSWORD);
        CliRun again = CliRun.run("restore", backup.toString(), "--db", target);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("holds 150 entries").doesNotContain(PostgresServer.PASSWORD);

        CliRun v = CliRun.run("verify", "--db", target);
        assertThat(v.exitCode()).as(v.err()).isZero();
        assertThat(v.out()).contains("Integrity:      not checked: the amcheck extension is not installed");
        assertThat(CliRun.run("stats", "--db", target, "--json").json())
                .isEqualTo(CliRun.run("stats", "--db", url, "--json").json());
        Path asFile = dir.resolve("from-pg.db");
        assertThat(CliRun.run("restore", backup.toString(), "--db", asFile.toString()).exitCode()).isZero();
        assertThat(CliRun.run("stats", "--db", asFile.toString(), "--json").json())
                .isEqualTo(CliRun.run("stats", "--db", url, "--json").json());
    }

    /** Without --from the source is --db; when that is a server URL, the error must not print its password. */
    @Test
    void migrateWithoutFromAndAServerDbNeverPrintsThePassword() {
        CliRun run = CliRun.run("migrate", "--db", "postgresql://app:s3cret-pw@127.0.0.1:1/feedback",
                "--to", "postgresql://app@127.0.0.1:1/other");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--from").doesNotContain("s3cret-pw");
    }

    /** generate names the database it filled: for a URL, without its password (as text and as JSON). */
    @Test
    void generateIntoAUrlNeverPrintsThePassword() {
        String url = TestPostgres.newDatabase();
        assertThat(url).contains(PostgresServer.PASSWORD);
        CliRun text = CliRun.run("generate", "--db", url, "--count", "5", "--seed", "1");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("into postgresql://").doesNotContain(PostgresServer.PASSWORD);
        CliRun json = CliRun.run("generate", "--db", url, "--count", "5", "--seed", "1", "--json");
        assertThat(json.json().get("database").toString()).startsWith("postgresql://")
                .doesNotContain(PostgresServer.PASSWORD);
    }

    /** demo on a URL runs its steps on that database (not on a SQLite file named after the URL), password unprinted. */
    @Test
    void demoOnAUrlUsesThatDatabase() throws Exception {
        String url = TestPostgres.newDatabase();
        java.nio.file.Path html = Path.of("reports", "weekly-demo.html").toAbsolutePath();
        boolean existed = java.nio.file.Files.exists(html);
        try {
            for (int run = 0; run < 2; run++) { // the second finds the samples and says so, naming the database
                CliRun demo = CliRun.run("demo", "--db", url, "--count", "40");
                assertThat(demo.exitCode()).as(demo.err()).isZero();
                assertThat(demo.out() + demo.err()).doesNotContain(PostgresServer.PASSWORD);
            }
            assertThat(CliRun.run("stats", "--db", url, "--json").json()).containsEntry("total_feedback", 40);
            assertThat(java.nio.file.Files.exists(Path.of("postgresql:"))).isFalse();
        } finally {
            if (!existed && java.nio.file.Files.isDirectory(html.getParent())) {
                java.nio.file.Files.deleteIfExists(html);
                try (var left = java.nio.file.Files.list(html.getParent())) {
                    if (left.findAny().isEmpty()) {
                        java.nio.file.Files.delete(html.getParent());
                    }
                }
            }
        }
    }
}
