package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SafeTextTest {
    @Test
    void controlsBecomeVisibleEscapesAndEverythingElsePasses() {
        assertThat(SafeText.escape("a\u001b[2Jb\u0007\u007f\u0085\u009b")).isEqualTo("a\\x1B[2Jb\\x07\\x7F\\u0085\\u009B");
        assertThat(SafeText.escape("x\u202ey\u2066z\r")).isEqualTo("x\\u202Ey\\u2066z\\x0D");
        String plain = "line one\n\tcafé 😀 שלום — ok";
        assertThat(SafeText.escape(plain)).isSameAs(plain);
    }

    @Test
    void theWriterEscapesWhateverIsPrinted() {
        StringWriter sink = new StringWriter();
        PrintWriter out = new PrintWriter(new SafeText(sink));
        out.printf("%s|%c%n", "\u001b]52;c;x\u0007", '\u001b');
        out.write("\u009b".toCharArray(), 0, 1);
        out.flush();
        assertThat(sink.toString()).isEqualTo("\\x1B]52;c;x\\x07|\\x1B" + System.lineSeparator() + "\\u009B");
    }
}
