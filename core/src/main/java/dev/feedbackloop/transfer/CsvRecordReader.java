package dev.feedbackloop.transfer;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * CSV (RFC 4180, a header row naming the columns in any order). Cells: rating an integer,
 * thumbs_up true/false (or 1/0), tags a JSON array (or plain comma-separated text), context a JSON
 * object; text cells as {@link CsvCells} says; an empty cell is an absent value. Records may span
 * lines (quoted newlines); errors name the line where the record starts. A CSV syntax error (an unclosed quote) ends the file there.
 */
final class CsvRecordReader implements RecordReader {
    static final List<String> REQUIRED = List.of("timestamp", "prompt", "output", "rating");
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(false).setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).get();
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final int BATCH = 256;

    private final CheckedUtf8Reader text;
    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    private final List<String> header;
    private final ZoneId zone;
    private final CsvCells cells;
    private long lastLine = 1;
    private long records;
    private boolean broken;

    private CsvRecordReader(CheckedUtf8Reader text, CSVParser parser, ZoneId zone, CsvCells cells) {
        this.text = text;
        this.cells = cells;
        this.parser = parser;
        this.rows = parser.iterator();
        this.header = parser.getHeaderNames();
        this.zone = zone;
    }

    /** @param cells how text cells are read ({@link CsvCells}) */
    static CsvRecordReader open(Path file, ZoneId zone, CsvCells cells) throws IOException {
        CheckedUtf8Reader text = new CheckedUtf8Reader(Files.newInputStream(file));
        try {
            CSVParser parser = FORMAT.parse(text);
            List<String> missing = new ArrayList<>(REQUIRED);
            missing.removeAll(parser.getHeaderNames());
            if (!missing.isEmpty()) {
                throw new InvalidInputException(file + ": the CSV header row lacks the column(s) " + missing
                        + " (found " + parser.getHeaderNames() + ")");
            }
            return new CsvRecordReader(text, parser, zone, cells);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            text.close();
            throw new InvalidInputException(file + ": unusable CSV header row: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            text.close();
            throw e;
        }
    }

    @Override
    public List<ParsedRecord> next() {
        List<ParsedRecord> out = new ArrayList<>(BATCH);
        while (out.size() < BATCH && !broken) {
            long startLine = lastLine + 1;
            CSVRecord row;
            try {
                if (!rows.hasNext()) {
                    break;
                }
                row = rows.next();
            } catch (UncheckedIOException e) {
                broken = true;
                out.add(ParsedRecord.bad(startLine, ++records, "malformed CSV: "
                        + e.getCause().getMessage() + "; the rest of the file cannot be read"));
                break;
            }
            lastLine = parser.getCurrentLineNumber();
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            out.add(parse(row, startLine, Math.max(startLine, lastLine), ++records));
        }
        return out;
    }

    private ParsedRecord parse(CSVRecord row, long line, long endLine, long record) {
        String badText = text.invalidIn(line, endLine);
        if (badText != null) {
            return ParsedRecord.bad(line, record, badText);
        }
        if (row.size() != header.size()) {
            return ParsedRecord.bad(line, record, "has " + row.size() + " columns, the header has " + header.size());
        }
        try {
            return ParsedRecord.ok(line, record, ImportRecords.row(fields(row, cells), zone));
        } catch (InvalidInputException e) {
            return ParsedRecord.bad(line, record, e.getMessage());
        }
    }

    private static Map<String, Object> fields(CSVRecord row, CsvCells cells) {
        Map<String, Object> m = new HashMap<>();
        for (Map.Entry<String, String> cell : row.toMap().entrySet()) {
            String v = cell.getValue();
            if (v == null || v.isEmpty()) {
                continue;
            }
            switch (cell.getKey()) {
                case "rating":
                    m.put("rating", number(v.strip()));
                    break;
                case "thumbs_up":
                    m.put("thumbs_up", bool(v.strip()));
                    break;
                case "tags":
                    m.put("tags", v.strip().startsWith("[") ? json(v, "tags") : FeedbackEntry.parseTags(v));
                    break;
                case "context":
                    m.put("context", json(v, "context"));
                    break;
                default:
                    m.put(cell.getKey(), cells.read(v));
            }
        }
        return m;
    }

    private static Object number(String v) {
        if (INTEGER.matcher(v).matches()) {
            return Long.parseLong(v);
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    private static Object bool(String v) {
        if (v.equalsIgnoreCase("true") || v.equals("1")) {
            return Boolean.TRUE;
        }
        if (v.equalsIgnoreCase("false") || v.equals("0")) {
            return Boolean.FALSE;
        }
        return v;
    }

    private static Object json(String v, String column) {
        try {
            return Json.parse(v);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("'" + column + "' is not valid JSON: "
                    + e.getMessage().replaceFirst("^invalid JSON: ", ""));
        }
    }

    @Override
    public long bytesRead() {
        return text.bytesRead();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
