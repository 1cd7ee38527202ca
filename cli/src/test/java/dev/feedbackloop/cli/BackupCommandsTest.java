package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandsTest {
    @TempDir
    Path dir;

    @Test
    void backupRestoreAndVerifyFromTheCommandLine() {
        Path db = dir.resolve("a.db");
        CliRun.fill(db, 120, 10, 5);
        Path backup = dir.resolve("backups/a-1.db");
        CliRun b = CliRun.run("backup", backup.toString(), "--db", db.toString(), "--json");
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.json()).containsEntry("entries", 120);
        assertThat(CliRun.run("backup", backup.toString(), "--db", db.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.run("backup", db.toString(), "--db", db.toString()).exitCode()).isEqualTo(2);

        Path restored = dir.resolve("b.db");
        CliRun r = CliRun.run("restore", backup.toString(), "--db", restored.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json()).containsEntry("entries", 120);
        CliRun again = CliRun.run("restore", backup.toString(), "--db", restored.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("holds 120 entries");

        CliRun v = CliRun.run("verify", "--db", restored.toString(), "--json");
        assertThat(v.exitCode()).isZero();
        Map<String, Object> check = v.json();
        assertThat(check).containsEntry("ok", true).containsEntry("orphaned_votes", 0);
        assertThat(CliRun.run("stats", "--db", restored.toString(), "--json").json()).isEqualTo(
                CliRun.run("stats", "--db", db.toString(), "--json").json());
    }
}
