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
        StringBuilder b = new StringBuilder(rows.size() * 512);
        int ord = 0;
        for (EntryRow row : rows) {
            if (ordinal) {
                b.append(ord++).append('\t');
            }
            row(b, row);
        }
        return b.toString();
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
        field(b, e.raterId()).append('\n');
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
