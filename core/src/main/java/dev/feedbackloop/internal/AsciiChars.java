package dev.feedbackloop.internal;

/**
 * Per-char helpers for scanners of prompts that run on every char of every entry (the task classifier's
 * keywords, the prompt features): ASCII by table lookup, so that even the quick JIT tier calls nothing.
 */
public final class AsciiChars {
    /** [c]: {@link #fold} of ASCII char c. */
    private static final char[] FOLD = new char[128];
    /** [c]: whether ASCII char c is a letter, a digit or {@code _}. */
    private static final boolean[] WORD = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            FOLD[c] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            WORD[c] = Character.isLetterOrDigit(c) || c == '_';
        }
    }

    private AsciiChars() {
    }

    /** The case folding of regular expressions with CASE_INSENSITIVE and UNICODE_CASE, for one char. */
    public static char fold(char c) {
        return c < 128 ? FOLD[c] : Character.toLowerCase(Character.toUpperCase(c));
    }

    /** {@code \w} without UNICODE_CHARACTER_CLASS: an ASCII letter, digit or {@code _}. */
    public static boolean isWord(char c) {
        return c < 128 && WORD[c];
    }
}
