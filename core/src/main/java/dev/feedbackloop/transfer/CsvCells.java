package dev.feedbackloop.transfer;

/**
 * How text cells of a CSV file are written and read back.
 *
 * <p>{@link #SPREADSHEET_SAFE} (the default) neutralises formulas: a spreadsheet runs a cell that
 * starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return as a formula
 * ({@code =HYPERLINK(...)} in a prompt would run when a colleague opens the export). Such a cell is
 * written with a leading apostrophe, the usual rule, which a spreadsheet shows as text. So that
 * every text reads back exactly, a cell that itself starts with an apostrophe gets one more; reading
 * removes one apostrophe when a formula character or another apostrophe follows it. A text
 * starting with an apostrophe followed by one of those (in a file written by another program) reads
 * back one apostrophe short: read such files as {@link #RAW}.
 *
 * <p>{@link #RAW} writes and reads cells exactly as they are.
 */
public enum CsvCells {
    SPREADSHEET_SAFE,
    RAW;

    /** The cell to write for {@code text}. */
    public String write(String text) {
        if (this == RAW || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return isFormulaStart(first) || first == '\'' ? "'" + text : text;
    }

    /** The text a cell written by {@link #write} stands for. */
    public String read(String cell) {
        if (this == RAW || cell.length() < 2 || cell.charAt(0) != '\'') {
            return cell;
        }
        char second = cell.charAt(1);
        return isFormulaStart(second) || second == '\'' ? cell.substring(1) : cell;
    }

    private static boolean isFormulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
