package dev.feedbackloop.storage.postgres;

import java.util.ArrayList;
import java.util.List;

/** Reads one row of COPY's text format: tab-separated fields, {@code \N} for null, backslash escapes. */
final class CopyText {
    private CopyText() {
    }

    /** The fields of {@code row} (its final line break optional); null for {@code \N}. */
    static List<String> fields(String row) {
        int end = row.endsWith("\n") ? row.length() - 1 : row.length();
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean nullField = false;
        for (int i = 0; i <= end; i++) {
            if (i == end || row.charAt(i) == '\t') {
                out.add(nullField && b.isEmpty() ? null : b.toString());
                b.setLength(0);
                nullField = false;
                continue;
            }
            char ch = row.charAt(i);
            if (ch != '\\' || i + 1 >= end) {
                b.append(ch);
                continue;
            }
            char next = row.charAt(++i);
            switch (next) {
                case 'N' -> nullField = b.isEmpty();
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'v' -> b.append('\u000B');
                default -> b.append(next); // backslash itself, and any other escaped character
            }
        }
        return out;
    }
}
