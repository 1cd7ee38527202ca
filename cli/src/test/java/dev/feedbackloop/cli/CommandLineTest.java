package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What holds for the command line as a whole: help, the default database, lazy registration, wiring. */
class CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandHasHelpAndTheRootHelpListsThemAll() {
        for (String command : Main.commands()) {
            CliRun help = CliRun.run(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).contains("Usage: feedback " + command).contains("--db");
        }
        CliRun root = CliRun.run("--help");
        assertThat(root.exitCode()).isZero();
        for (String command : Main.commands()) {
            assertThat(root.out()).contains("  " + command + " ");
        }
    }

    @Test
    void everyKindOfFailureHasAnExitCode() {
        assertThat(ExitCodes.coversEveryKind()).isTrue();
        assertThat(ExitCodes.codeOf(new dev.feedbackloop.ForbiddenException("x"))).isEqualTo(ExitCodes.USAGE);
        assertThat(ExitCodes.codeOf(new dev.feedbackloop.storage.DiskFullException("x", null))).isEqualTo(ExitCodes.FAILURE);
    }

    @Test
    void aRunRegistersOnlyItsOwnSubcommand() {
        PrintWriter w = new PrintWriter(new StringWriter());
        assertThat(Main.commandLine(w, w, "capture").getSubcommands().keySet()).containsExactly("capture");
        assertThat(Main.commandLine(w, w, "--capture").getSubcommands().keySet())
                .containsExactlyElementsOf(Main.commands());
    }

    @Test
    void importLoadsInBulkUnlessShared() {
        ImportCommand bulk = new ImportCommand();
        new CommandLine(bulk).parseArgs("in.jsonl");
        assertThat(bulk.options().bulk()).isTrue();
        ImportCommand shared = new ImportCommand();
        new CommandLine(shared).parseArgs("in.jsonl", "--shared", "--skip-invalid");
        assertThat(shared.options().bulk()).isFalse();
        assertThat(shared.options().skipInvalid()).isTrue();
    }

    /** The specification's --init, in a process of its own (the environment cannot be set in this one). */
    @Test
    void initUsesFeedbackDbAndOtherwiseDataFeedbackDbUnderTheWorkingDirectory() throws Exception {
        Path env = dir.resolve("from-env.db");
        assertThat(init(Map.of("FEEDBACK_DB", env.toString()))).contains("Database ready at " + env);
        assertThat(env).exists();
        assertThat(dir.resolve("data")).doesNotExist();

        assertThat(init(Map.of("FEEDBACK_DB", ""))).contains("Database ready at data/feedback.db");
        assertThat(dir.resolve("data/feedback.db")).exists();
        Files.delete(dir.resolve("data/feedback.db"));

        assertThat(init(Map.of())).contains("Database ready at data/feedback.db");
        assertThat(dir.resolve("data/feedback.db")).exists();
    }

    private String init(Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--init"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("FEEDBACK_DB");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
