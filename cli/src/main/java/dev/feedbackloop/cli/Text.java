package dev.feedbackloop.cli;

/** Small text helpers for human output. */
final class Text {
    private Text() {
    }

    /** One line, at most {@code max} characters, with an ellipsis when cut. */
    static String abbreviate(String s, int max) {
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }

    static String percent(double p) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", p * 100);
    }
}
