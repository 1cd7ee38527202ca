package dev.feedbackloop.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Human (non-JSON) output with stored text made harmless for a terminal: control characters are
 * printed as visible escapes, so an entry cannot clear the screen, move the cursor, retitle the
 * window or write to the clipboard (OSC 52) of whoever lists it. Line feeds and tabs pass; every
 * other C0 control, DEL and the C1 controls become {@code \x1B}-style escapes, and the invisible
 * bidirectional overrides and isolates become {@code \u202E}-style escapes (they can make text read
 * differently from what it is). JSON output and files (exports, reports written with
 * {@code --output}) are never filtered: they stay exact.
 */
final class SafeText extends FilterWriter {
    SafeText(Writer out) {
        super(out);
    }

    /** {@code s} with the characters described above escaped. */
    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escaped = escape(c);
            if (escaped != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (escaped != null) {
                    b.append(escaped);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** The escape for {@code c}, or null when it prints as itself. */
    private static String escape(char c) {
        if (c == '\n' || c == '\t') {
            return null;
        }
        if (c < 0x20 || c == 0x7f) {
            return String.format("\\x%02X", (int) c);
        }
        if ((c >= 0x80 && c <= 0x9f) || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
            return String.format("\\u%04X", (int) c);
        }
        return null;
    }

    @Override
    public void write(int c) throws IOException {
        String escaped = escape((char) c);
        if (escaped == null) {
            out.write(c);
        } else {
            out.write(escaped);
        }
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        write(new String(cbuf, off, len), 0, len);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        String part = off == 0 && len == str.length() ? str : str.substring(off, off + len);
        out.write(escape(part));
    }
}
