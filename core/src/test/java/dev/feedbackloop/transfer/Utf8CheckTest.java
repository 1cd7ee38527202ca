package dev.feedbackloop.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The import's byte-level UTF-8 check finds exactly what the JDK's strict decoder rejects, at the same byte. */
class Utf8CheckTest {
    private static int jdkFirstInvalid(byte[] b) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b);
        CharBuffer out = CharBuffer.allocate(b.length * 2 + 4);
        CoderResult r = d.decode(in, out, true);
        if (r.isUnderflow()) {
            r = d.flush(out);
        }
        return r.isError() ? in.position() : -1;
    }

    @Test
    void agreesWithTheJdkDecoderOnValidAndBrokenText() {
        SplittableRandom random = new SplittableRandom(7);
        String[] pieces = {"a", "é", "😀", "ש", "€", "\u0000", " ", "{\"k\":1}", "\uD7FF", "\uE000", "\uFFFF"};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] b = text.toString().getBytes(StandardCharsets.UTF_8);
            if (b.length > 0 && random.nextInt(3) > 0) {
                int n = 1 + random.nextInt(2);
                for (int k = 0; k < n; k++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256); // corruptions of every kind
                }
            }
            if (random.nextInt(5) == 0 && b.length > 0) {
                b = java.util.Arrays.copyOf(b, random.nextInt(b.length)); // truncated sequences
            }
            assertThat(JsonLinesReader.firstInvalidUtf8(b, 0, b.length)).as(java.util.Arrays.toString(b))
                    .isEqualTo(jdkFirstInvalid(b));
        }
    }

    @Test
    void overlongSurrogateAndOutOfRangeFormsAreInvalid() {
        byte[][] invalid = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        for (byte[] b : invalid) {
            assertThat(JsonLinesReader.firstInvalidUtf8(b, 0, b.length)).isEqualTo(0).isEqualTo(jdkFirstInvalid(b));
        }
    }
}
