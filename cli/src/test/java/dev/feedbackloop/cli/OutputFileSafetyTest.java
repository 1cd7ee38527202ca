package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No command writes a file over the database or one of its companion files, however the file is named. */
class OutputFileSafetyTest {
    @TempDir
    Path dir;
    Path db;

    @BeforeEach
    void fill() {
        db = dir.resolve("s.db");
        CliRun.fill(db, 40, 10, 9);
    }

    private String digest(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private void assertRefusedAndUntouched(CliRun run, String before) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("is the database").contains("would destroy the stored feedback");
        assertThat(digest(db)).isEqualTo(before);
        assertThat(CliRun.run("stats", "--db", db.toString(), "--json").json().get("total_feedback")).isEqualTo(40);
    }

    @ParameterizedTest
    @ValueSource(strings = {"same", "relative", "symlink", "hardlink", "-wal", "-shm", "-journal"})
    void reportOutputThatIsTheDatabaseIsRefused(String how) throws Exception {
        Path target = target(how);
        String before = digest(db);
        assertRefusedAndUntouched(CliRun.run("--db", db.toString(), "--report", "--period", "weekly", "--output",
                target.toString()), before);
    }

    @Test
    void exportAndGenerateOntoTheDatabaseAreRefused() throws Exception {
        Path jsonDb = dir.resolve("d.jsonl");
        CliRun.fill(jsonDb, 40, 10, 9);
        db = jsonDb;
        String before = digest(db);
        assertRefusedAndUntouched(CliRun.run("--db", db.toString(), "--export", db.toString()), before);
        assertRefusedAndUntouched(CliRun.run("generate", "--db", db.toString(), "--count", "5", "--output",
                dir.resolve("sub/../d.jsonl").toString()), before);
        Files.createSymbolicLink(dir.resolve("link.csv"), db);
        assertRefusedAndUntouched(CliRun.run("export", "--db", db.toString(), dir.resolve("link.csv").toString()), before);
    }

    @Test
    void otherFilesAreStillWritten() {
        Path report = dir.resolve("s.db.json");
        assertThat(CliRun.run("--db", db.toString(), "--report", "--output", report.toString()).exitCode()).isZero();
        assertThat(report).isNotEmptyFile();
    }

    private Path target(String how) throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        switch (how) {
            case "same":
                return db;
            case "relative":
                return dir.resolve("sub/../s.db");
            case "symlink":
                return Files.createSymbolicLink(dir.resolve("link.json"), db);
            case "hardlink":
                return Files.createLink(dir.resolve("hard.json"), db);
            default:
                return dir.resolve("s.db" + how);
        }
    }
}
