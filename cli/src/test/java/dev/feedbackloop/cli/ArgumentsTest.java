package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments arrive as the bytes the user passed, decoded as UTF-8 whatever the locale. */
class ArgumentsTest {
    @TempDir
    Path dir;

    private static byte[] cmdline(byte[]... entries) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] e : entries) {
            b.writeBytes(e);
            b.write(0);
        }
        return b.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void argumentsTheJvmMangledUnderACLocaleAreDecodedAsUtf8() {
        String text = "café 😀 שלום";
        String mangled = new String(utf8(text), StandardCharsets.US_ASCII);
        assertThat(mangled).isNotEqualTo(text).contains("\uFFFD");
        byte[] raw = cmdline(utf8("/usr/bin/java"), utf8("-jar"), utf8("f.jar"), utf8("--prompt"), utf8(text));

        assertThat(Arguments.decode(new String[] {"--prompt", mangled}, raw, StandardCharsets.US_ASCII))
                .containsExactly("--prompt", text);
    }

    @Test
    void invalidUtf8IsRefusedNamingTheOption() {
        byte[] raw = cmdline(utf8("java"), utf8("--notes"), new byte[] {'a', (byte) 0xff, 'b'});
        String[] jvm = {"--notes", new String(new byte[] {'a', (byte) 0xff, 'b'}, StandardCharsets.US_ASCII)};

        assertThatThrownBy(() -> Arguments.decode(jvm, raw, StandardCharsets.US_ASCII))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the value of --notes (argument 2) is not valid UTF-8");
    }

    @Test
    void argumentsThatDoNotMatchTheProcessCommandLineAreLeftAsTheJvmGaveThem() {
        // java @argfile: the arguments came from a file, not from the command line
        byte[] raw = cmdline(utf8("java"), utf8("@args.txt"));
        String[] jvm = {"capture", "--prompt", "p"};
        assertThat(Arguments.decode(jvm, raw, StandardCharsets.UTF_8)).isSameAs(jvm);
    }

    @Test
    void aCaptureUnderLcAllCStoresTheTextAsGiven() throws Exception {
        Path db = dir.resolve("c.db");
        String text = "café 😀 שלום";
        Subprocess capture = Subprocess.run(dir, Map.of("LC_ALL", "C", "LANG", "C"), Subprocess.javaCommand("--capture",
                "--db", db.toString(), "--prompt", text, "--output", "o", "--rating", "5", "--json"));
        assertThat(capture.exitCode()).as(capture.err()).isZero();
        assertThat(capture.out()).contains(text);

        Subprocess list = Subprocess.run(dir, Map.of("LC_ALL", "C"), Subprocess.javaCommand("list", "--db", db.toString()));
        assertThat(list.out()).as("printed as UTF-8 whatever the locale").contains("prompt: " + text);
        assertThat(CliRun.run("list", "--db", db.toString(), "--json").out()).contains(text);
    }

    @Test
    void invalidUtf8OnTheRealCommandLineExitsTwoAndStoresNothing() throws Exception {
        Path db = dir.resolve("c.db");
        // a shell passes the bytes as they are; the JVM cannot be handed invalid UTF-8 through ProcessBuilder, so
        // printf makes the bytes and the shell passes them on
        List<String> java = Subprocess.javaCommand("--capture", "--db", db.toString(), "--prompt");
        String command = String.join(" ", java.stream().map(a -> "'" + a + "'").toList())
                + " \"$(printf 'bad \\377 byte')\" --output o --rating 5";
        Subprocess run = Subprocess.run(dir, Map.of("LC_ALL", "C"), List.of("sh", "-c", command));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("the value of --prompt (argument 5) is not valid UTF-8");
        assertThat(db).doesNotExist();
    }
}
