package dev.feedbackloop.cli;

import dev.feedbackloop.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line's arguments as the bytes the user passed, decoded as UTF-8 whatever the locale.
 *
 * <p>The JVM decodes {@code argv} with the locale's charset: under {@code LC_ALL=C} (cron, a
 * container without a locale) every non-ASCII byte becomes U+FFFD before {@code main} sees it. On
 * Linux the original bytes are in {@code /proc/self/cmdline}, whose last {@code args.length} entries are
 * the program's arguments; each is decoded strictly as UTF-8. They are used only when they agree
 * with what the JVM passed (each decodes, with the JVM's own charset, to the same text), so a
 * launcher that rewrote the arguments ({@code java @argfile}) falls back to the JVM's strings.
 */
final class Arguments {
    private static final Path CMDLINE = Path.of("/proc/self/cmdline");

    private Arguments() {
    }

    /**
     * @throws InvalidInputException when an argument is not valid UTF-8 (naming which one)
     */
    static String[] decode(String[] jvmArgs) {
        if (jvmArgs.length == 0 || !Files.isReadable(CMDLINE)) {
            return jvmArgs;
        }
        byte[] raw;
        try {
            raw = Files.readAllBytes(CMDLINE);
        } catch (IOException e) {
            return jvmArgs;
        }
        return decode(jvmArgs, raw, jvmCharset());
    }

    /** {@link #decode(String[])} over a given {@code cmdline} (NUL-terminated entries) and JVM charset. */
    static String[] decode(String[] jvmArgs, byte[] cmdline, Charset jvmCharset) {
        List<byte[]> entries = split(cmdline);
        if (entries.size() < jvmArgs.length) {
            return jvmArgs;
        }
        List<byte[]> tail = entries.subList(entries.size() - jvmArgs.length, entries.size());
        for (int i = 0; i < jvmArgs.length; i++) {
            if (!new String(tail.get(i), jvmCharset).equals(jvmArgs[i])) {
                return jvmArgs;
            }
        }
        String[] decoded = new String[jvmArgs.length];
        for (int i = 0; i < jvmArgs.length; i++) {
            decoded[i] = strictUtf8(tail.get(i), i > 0 && jvmArgs[i - 1].startsWith("-")
                    ? "the value of " + jvmArgs[i - 1] + " (argument " + (i + 1) + ")" : "argument " + (i + 1));
        }
        return decoded;
    }

    /** {@code bytes} as UTF-8 text. @throws CharacterCodingException when they are not valid UTF-8 */
    static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static String strictUtf8(byte[] bytes, String which) {
        try {
            return utf8(bytes);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(which + " is not valid UTF-8; pass text as UTF-8 "
                    + "(whatever the locale), or put it in a file (--prompt-file, --output-file)");
        }
    }

    private static List<byte[]> split(byte[] cmdline) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                byte[] entry = new byte[i - start];
                System.arraycopy(cmdline, start, entry, 0, entry.length);
                out.add(entry);
                start = i + 1;
            }
        }
        return out;
    }

    /** The charset the JVM decoded {@code argv} with. */
    private static Charset jvmCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name != null ? Charset.forName(name) : Charset.defaultCharset();
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }
}
