package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.storage.FeedbackQuery;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Texts come in only as given (no @file expansion; files and stdin when asked), and mistakes are named. */
class InputAndMessagesTest {
    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("f.db");
    }

    private String storedPrompt() {
        try (SqliteFeedbackStore s = SqliteFeedbackStore.open(db())) {
            return s.find(FeedbackQuery.ALL).get(0).prompt();
        }
    }

    @Test
    void anAtFileArgumentIsStoredAsTextNotExpanded() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "the secret");
        String arg = "@" + secret;
        CliRun run = CliRun.run("--capture", "--db", db().toString(), "--prompt", arg, "--output", "o", "--rating", "4",
                "--notes", arg);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(storedPrompt()).isEqualTo(arg);
        assertThat(CliRun.run("list", "--db", db().toString(), "--json").out()).doesNotContain("the secret");
    }

    @Test
    void longTextsComeFromFilesOrStandardInput() throws Exception {
        String longPrompt = "Explain, step by step. ".repeat(10_000); // 230 KB: beyond the argument limit
        Path promptFile = Files.writeString(dir.resolve("prompt.txt"), longPrompt + "\n");
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("the output, from stdin\n".getBytes(StandardCharsets.UTF_8)));
            CliRun run = CliRun.run("capture", "--db", db().toString(), "--prompt-file", promptFile.toString(),
                    "--output-file", "-", "--rating", "5");
            assertThat(run.exitCode()).as(run.err()).isZero();
        } finally {
            System.setIn(stdin);
        }
        try (SqliteFeedbackStore s = SqliteFeedbackStore.open(db())) {
            var e = s.find(FeedbackQuery.ALL).get(0);
            assertThat(e.prompt()).as("one final line break dropped").isEqualTo(longPrompt);
            assertThat(e.output()).isEqualTo("the output, from stdin");
        }
    }

    @Test
    void badTextFilesAreNamed() throws Exception {
        Path latin1 = Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xe9});
        CliRun notUtf8 = CliRun.run("capture", "--db", db().toString(), "--prompt-file", latin1.toString(),
                "--output", "o", "--rating", "5");
        assertThat(notUtf8.exitCode()).isEqualTo(2);
        assertThat(notUtf8.err()).contains("--prompt-file: " + latin1 + " is not UTF-8 text");

        CliRun missing = CliRun.run("capture", "--db", db().toString(), "--prompt-file", "nope.txt", "--output", "o",
                "--rating", "5");
        assertThat(missing.err()).contains("--prompt-file: no such file: nope.txt");

        CliRun both = CliRun.run("capture", "--db", db().toString(), "--prompt", "p", "--prompt-file", "x.txt",
                "--output", "o", "--rating", "5");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");

        CliRun twoStdin = CliRun.run("capture", "--db", db().toString(), "--prompt-file", "-", "--output-file", "-",
                "--rating", "5");
        assertThat(twoStdin.err()).contains("cannot both read standard input");
        assertThat(db()).doesNotExist();
    }

    @Test
    void aMistypedOptionIsNamedWithTheClosestOne() {
        CliRun run = CliRun.run("--capture", "--db", db().toString(), "--promt", "x", "--output", "o", "--rating", "3");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--promt'").contains("--prompt")
                .doesNotContain("Missing required option");
    }

    @Test
    void anUnknownCommandIsSaidToBeUnknownEvenWithHelp() {
        CliRun run = CliRun.run("notify", "--help");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: unknown command 'notify'");
        assertThat(run.out()).isEmpty();
        CliRun near = CliRun.run("anaylze");
        assertThat(near.err()).contains("unknown command 'anaylze'").contains("feedback analyze");
    }

    @Test
    void aBareCommandPrintsTheUsageOnce() {
        CliRun run = CliRun.run();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().split("Usage: feedback", -1)).hasSize(2);
        assertThat(run.err()).contains("Commands:");
    }

    /** One summary line per command in the root help, whole sentences, each the command's own header. */
    @Test
    void theCommandListHasOneWholeSummaryLinePerCommand() {
        String help = CliRun.run("--help").out();
        List<String> lines = help.lines().toList();
        int start = lines.indexOf("Commands:");
        assertThat(start).isPositive();
        Pattern row = Pattern.compile("^  (\\S+)\\s+(.+)$");
        for (int i = start + 1; i <= start + Main.commands().size(); i++) {
            Matcher m = row.matcher(lines.get(i));
            assertThat(m.matches()).as(lines.get(i)).isTrue();
            assertThat(Main.commands()).contains(m.group(1));
            assertThat(m.group(2)).as("summary of " + m.group(1)).endsWith(".");
            String header = CliRun.run(m.group(1), "--help").out().lines().findFirst().orElseThrow();
            assertThat(header).isEqualTo(m.group(2));
        }
    }

    /** Descriptions are paragraphs that picocli wraps: no line of any help is cut short mid-sentence. */
    @Test
    void helpParagraphsAreWrappedOnceNotTwice() {
        for (String command : Main.commands()) {
            List<String> lines = CliRun.run(command, "--help").out().lines().toList();
            for (int i = 0; i + 1 < lines.size(); i++) {
                String line = lines.get(i);
                String next = lines.get(i + 1);
                boolean proseContinues = !line.isBlank() && !line.startsWith(" ") && !next.isBlank()
                        && !next.startsWith(" ") && !next.startsWith("Usage") && Character.isLowerCase(next.charAt(0));
                if (proseContinues) {
                    // picocli leaves a small margin; a line wrapped twice is far shorter than the width
                    assertThat(line.length() + 1 + next.split(" ")[0].length()).as(command + ": '" + line + "' then '" + next
                            + "' was wrapped short").isGreaterThan(76);
                }
            }
        }
    }
}
