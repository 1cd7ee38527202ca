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

    /** "2.4 s, 41,667/s": how long some work took and how fast it went. */
    static String rate(long count, java.time.Duration elapsed) {
        double seconds = elapsed.toNanos() / 1e9;
        String speed = seconds > 0 ? String.format(java.util.Locale.ROOT, ", %,d/s", Math.round(count / seconds)) : "";
        return String.format(java.util.Locale.ROOT, "%.1f s%s", seconds, speed);
    }
}
