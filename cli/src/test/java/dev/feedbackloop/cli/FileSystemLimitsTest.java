package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk and a read-only folder, for real: each scenario runs in a mount namespace of its own
 * ({@code unshare -rm}: no privileges needed where user namespaces are allowed) with a small tmpfs or a
 * read-only bind mount, and the command line in JVMs of its own. Each step's exit code and output
 * are written to files outside the mount.
 */
class FileSystemLimitsTest {
    @TempDir
    Path dir;

    /** Runs {@code steps} (shell, {@code $FEEDBACK} being the command line) in a new mount namespace. */
    private Subprocess inMountNamespace(String steps) throws Exception {
        String feedback = Subprocess.javaCommand().stream().map(a -> "'" + a + "'").collect(Collectors.joining(" "));
        String script = "set -u\nFEEDBACK=\"" + feedback.replace("\"", "\\\"") + "\"\n"
                + "step() { name=$1; shift; sh -c \"$FEEDBACK $*\" >\"$OUT/$name.out\" 2>\"$OUT/$name.err\"; "
                + "echo $? >\"$OUT/$name.code\"; }\n" + steps;
        Files.createDirectories(dir.resolve("results"));
        Subprocess run = Subprocess.run(dir, Map.of("OUT", dir.resolve("results").toString(), "D", dir.toString()),
                List.of("unshare", "-rm", "sh", "-c", script));
        assertThat(run.exitCode()).as("the scenario ran: " + run.err() + run.out()).isZero();
        return run;
    }

    private int code(String step) throws Exception {
        return Integer.parseInt(Files.readString(dir.resolve("results/" + step + ".code")).strip());
    }

    private String out(String step) throws Exception {
        return Files.readString(dir.resolve("results/" + step + ".out"));
    }

    private String err(String step) throws Exception {
        return Files.readString(dir.resolve("results/" + step + ".err"));
    }

    @Test
    void aFullDiskSaysSoStoresNothingHalfAndRecovers() throws Exception {
        Files.createDirectories(dir.resolve("disk"));
        inMountNamespace("mount -t tmpfs -o size=2m tmpfs \"$D/disk\"\n"
                + "step init init --db \"$D/disk/f.db\"\n"
                + "step first capture --db \"$D/disk/f.db\" --prompt first --output o --rating 5 --feedback-id first\n"
                + "dd if=/dev/zero of=\"$D/disk/filler\" bs=4k 2>/dev/null\n"
                + "step full capture --db \"$D/disk/f.db\" --prompt second --output o --rating 4 --feedback-id second"
                + " --json\n"
                + "rm \"$D/disk/filler\"\n"
                + "step after capture --db \"$D/disk/f.db\" --prompt third --output o --rating 4 --feedback-id third\n"
                + "step list list --db \"$D/disk/f.db\" --json\n");
        assertThat(code("init")).isZero();
        assertThat(code("first")).isZero();
        assertThat(code("full")).as(err("full")).isEqualTo(1);
        assertThat(err("full")).contains("is full").contains("nothing was stored").doesNotContain("SQLITE_");
        assertThat(out("full")).contains("\"type\":\"disk_full\"");
        assertThat(code("after")).as(err("after")).isZero();
        assertThat(out("list")).contains("\"feedback_id\":\"first\"").contains("\"feedback_id\":\"third\"")
                .doesNotContain("\"feedback_id\":\"second\"");
    }

    @Test
    void aDatabaseInAReadOnlyFolderCanStillBeRead() throws Exception {
        Path folder = dir.resolve("ro");
        CliRun.fill(folder.resolve("f.db"), 60, 5, 4);
        inMountNamespace("mount --bind -o ro \"$D/ro\" \"$D/ro\"\n"
                + "step list list --db \"$D/ro/f.db\" --limit 3\n"
                + "step stats stats --db \"$D/ro/f.db\" --json\n"
                + "step analyze analyze --db \"$D/ro/f.db\" --days 7 --min-samples 5\n"
                + "step report report --db \"$D/ro/f.db\" --min-support 5\n"
                + "step route route \"write a python function\" --db \"$D/ro/f.db\"\n"
                + "step capture capture --db \"$D/ro/f.db\" --prompt p --output o --rating 5\n");
        assertThat(code("list")).as(err("list")).isZero();
        assertThat(out("list")).contains("prompt: Explain topic");
        assertThat(code("stats")).as(err("stats")).isZero();
        assertThat(out("stats")).contains("\"total_feedback\":60");
        assertThat(code("analyze")).as(err("analyze")).isZero();
        assertThat(out("analyze")).contains("Success rate");
        assertThat(code("report")).as(err("report")).isZero();
        assertThat(out("report")).contains("Success rate");
        assertThat(code("route")).as(err("route")).isZero();
        assertThat(code("capture")).isEqualTo(1);
        assertThat(err("capture")).contains("read-only here (its folder is not writable)");
    }
}
