package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.EntryRow;
import java.util.List;

/**
 * Rows in COPY's text format (tab-separated, {@code \N} for null, backslash escapes), tags as an
 * array literal. The columns are {@link PgRows#INSERT_COLUMNS}, optionally after an ordinal.
 */
final class PgCopy {
    private PgCopy() {
    }

    static String rows(List<EntryRow> rows, boolean ordinal) {
        StringBuilder b = new StringBuilder(size(rows));
        rows(b, rows, ordinal);
        return b.toString();
    }

    /** Appends the rows (without ordinals) to {@code b}. */
    static void append(StringBuilder b, List<EntryRow> rows) {
        b.ensureCapacity(b.length() + size(rows));
        rows(b, rows, false);
    }

    /** About the length of the rows' text, so that the builder does not grow while it is written. */
    private static int size(List<EntryRow> rows) {
        long n = 0;
        for (EntryRow row : rows) {
            FeedbackEntry e = row.entry();
            n += 256 + e.prompt().length() + e.output().length() + (row.context() == null ? 0 : row.context().length())
                    + (e.notes() == null ? 0 : e.notes().length());
        }
        return (int) Math.min(n + n / 16, Integer.MAX_VALUE - 16);
    }

    private static void rows(StringBuilder b, List<EntryRow> rows, boolean ordinal) {
        int ord = 0;
        for (EntryRow row : rows) {
            if (ordinal) {
                b.append(ord++).append('\t');
            }
            row(b, row);
        }
    }

    private static void row(StringBuilder b, EntryRow row) {
        FeedbackEntry e = row.entry();
        field(b, e.feedbackId()).append('\t');
        b.append(row.timestamp()).append('\t');
        field(b, e.prompt()).append('\t');
        field(b, e.output()).append('\t');
        b.append(e.rating()).append('\t');
        b.append(e.thumbsUp() ? 't' : 'f').append('\t');
        field(b, tags(e.tags())).append('\t');
        field(b, row.context()).append('\t');
        field(b, e.notes()).append('\t');
        field(b, row.framework()).append('\t');
        field(b, row.model()).append('\t');
        field(b, row.taskType()).append('\t');
        b.append(row.promptFeatures()).append('\t');
        b.append(e.prompt().length()).append('\t');
        field(b, e.outputId()).append('\t');
        field(b, e.raterId()).append('\t');
        field(b, row.taskClass()).append('\n');
    }

    /** A PostgreSQL array literal of texts: {"a","b \"c\""}. */
    static String tags(List<String> tags) {
        StringBuilder b = new StringBuilder(2 + tags.size() * 12).append('{');
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"');
            String t = tags.get(i);
            for (int j = 0; j < t.length(); j++) {
                char ch = t.charAt(j);
                if (ch == '"' || ch == '\\') {
                    b.append('\\');
                }
                b.append(ch);
            }
            b.append('"');
        }
        return b.append('}').toString();
    }

    private static StringBuilder field(StringBuilder b, String value) {
        if (value == null) {
            return b.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(ch);
            }
        }
        return b;
    }
}
