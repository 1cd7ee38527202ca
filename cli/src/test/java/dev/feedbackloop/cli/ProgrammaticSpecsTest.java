package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The commands whose picocli model is built in code ({@link ProgrammaticSpecs}) print, parse and
 * refuse exactly as they did when picocli read them from annotations: the expected help texts under
 * {@code help/} are what the annotated version printed.
 */
class ProgrammaticSpecsTest {
    @ParameterizedTest
    @CsvSource({"feedback.txt, --help", "capture.txt, capture --help", "list.txt, list --help"})
    void helpIsWhatTheAnnotatedCommandPrinted(String expected, String args) throws IOException {
        CliRun run = CliRun.run(args.split(" "));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(resource("/help/" + expected));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void bothThumbsAreRefusedAsOneExclusiveGroup() {
        CliRun run = CliRun.run("capture", "--db", "unused.db", "--prompt", "p", "--output", "o", "--rating", "5",
                "--thumbs-up", "--thumbs-down");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("error: --thumbs-up, --thumbs-down are mutually exclusive (specify only one)");
    }

    @Test
    void aMissingPromptNamesBothWaysIn() {
        CliRun run = CliRun.run("capture", "--db", "unused.db", "--output", "o", "--rating", "5");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Missing required argument (specify one of these): (--prompt=TEXT | --prompt-file=FILE)");
    }

    @Test
    void listRefusesBothThumbs() {
        CliRun both = CliRun.run("list", "--db", "unused.db", "--thumbs-up", "--thumbs-down");

        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).startsWith("error: --thumbs-up, --thumbs-down are mutually exclusive");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ProgrammaticSpecsTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
