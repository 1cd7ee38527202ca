package dev.feedbackloop.transfer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * JSON Lines: one entry object per line. Lines are split on raw bytes and each is decoded strictly
 * (invalid UTF-8 makes that line bad, naming the byte), so one bad line never hides the next.
 * Blank lines are skipped. A UTF-8 byte order mark at the start is allowed. Splitting lines is cheap
 * and stays on the reading thread; batches of lines can be parsed elsewhere ({@link #nextTask}).
 */
final class JsonLinesReader implements RecordReader {
    private static final int BATCH = 256;

    private final InputStream in;
    private final ZoneId zone;
    private byte[] buf = new byte[1 << 20];
    private int start;
    private int end;
    private boolean eof;
    private long consumed;
    private long line;
    private long record;

    JsonLinesReader(Path file, ZoneId zone) throws IOException {
        this.in = Files.newInputStream(file);
        this.zone = zone;
    }

    @Override
    public List<ParsedRecord> next() throws IOException {
        Lines lines = nextLines();
        return lines == null ? List.of() : lines.parse(zone);
    }

    /** Splits the next batch of lines here; the parsing, the costly part, runs wherever the task is called. */
    @Override
    public Callable<List<ParsedRecord>> nextTask() throws IOException {
        Lines lines = nextLines();
        return lines == null ? null : () -> lines.parse(zone);
    }

    /** The next records' bytes (up to {@link #BATCH}, blank lines skipped), copied out; null at the end. */
    private Lines nextLines() throws IOException {
        Lines out = new Lines();
        while (out.count < BATCH) {
            int nl = indexOfNewline();
            if (nl < 0) {
                if (eof) {
                    if (start < end) {
                        lineAt(end, out);
                        start = end;
                    }
                    break;
                }
                fill();
                continue;
            }
            lineAt(nl, out);
            start = nl + 1;
        }
        return out.count == 0 ? null : out;
    }

    private void lineAt(int lineEnd, Lines out) {
        line++;
        consumed += lineEnd - start + (lineEnd < end ? 1 : 0);
        int s = start;
        int e = lineEnd;
        if (line == 1 && e - s >= 3 && buf[s] == (byte) 0xEF && buf[s + 1] == (byte) 0xBB && buf[s + 2] == (byte) 0xBF) {
            s += 3;
        }
        while (e > s && isBlank(buf[e - 1])) {
            e--;
        }
        while (s < e && isBlank(buf[s])) {
            s++;
        }
        if (s == e) {
            return;
        }
        record++;
        out.add(buf, s, e, line, record);
    }

    /**
     * A batch of records as bytes (each without its line break, surrounding blanks and byte order
     * mark) with their line and record numbers. Parsing it needs nothing else, so batches can be
     * parsed on several threads at once; each is parsed by one.
     */
    private static final class Lines {
        private byte[] bytes = new byte[BATCH * 2048];
        private int size;
        private final int[] ends = new int[BATCH];
        private final long[] lines = new long[BATCH];
        private final long[] records = new long[BATCH];
        private int count;

        void add(byte[] from, int s, int e, long line, long record) {
            int n = e - s;
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
            System.arraycopy(from, s, bytes, size, n);
            size += n;
            ends[count] = size;
            lines[count] = line;
            records[count] = record;
            count++;
        }

        List<ParsedRecord> parse(ZoneId zone) {
            List<ParsedRecord> out = new ArrayList<>(count);
            int s = 0;
            for (int i = 0; i < count; i++) {
                out.add(JsonLinesReader.parse(bytes, s, ends[i], lines[i], records[i], zone));
                s = ends[i];
            }
            return out;
        }
    }

    private static ParsedRecord parse(byte[] buf, int s, int e, long line, long record, ZoneId zone) {
        int invalid = firstInvalidUtf8(buf, s, e);
        if (invalid >= 0) {
            return ParsedRecord.bad(line, record, "invalid UTF-8: byte " + (invalid - s + 1) + " of the line (0x"
                    + String.format("%02X", buf[invalid] & 0xFF) + ") is not part of a valid character");
        }
        // valid UTF-8, checked strictly above: Jackson's byte parser reads it without decoding to chars first
        try (JsonParser p = Json.FACTORY.createParser(buf, s, e - s)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return ParsedRecord.bad(line, record, "expected a JSON object {...}, found " + StrictJson.describe(first));
            }
            Map<String, Object> fields = StrictJson.readRecord(p);
            if (p.nextToken() != null) {
                return ParsedRecord.bad(line, record, "unexpected content after the JSON object at column "
                        + p.currentLocation().getColumnNr());
            }
            return ParsedRecord.ok(line, record, ImportRecords.row(fields, zone));
        } catch (JsonProcessingException ex) {
            return ParsedRecord.bad(line, record, StrictJson.malformed(ex));
        } catch (InvalidInputException ex) {
            return ParsedRecord.bad(line, record, ex.getMessage());
        } catch (IOException ex) {
            throw new IllegalStateException("reading from memory cannot fail", ex);
        }
    }

    /**
     * The index of the first byte in [s, e) that does not begin or continue a valid UTF-8 character
     * (the lead byte of a malformed, overlong, surrogate or truncated sequence), or -1 when the bytes
     * are valid UTF-8: the rules of the JDK's strict decoder, without decoding.
     */
    static int firstInvalidUtf8(byte[] b, int s, int e) {
        int i = s;
        while (i < e) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            int n;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                lo = c == 0xE0 ? 0xA0 : 0x80;
                hi = c == 0xED ? 0x9F : 0xBF;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                lo = c == 0xF0 ? 0x90 : 0x80;
                hi = c == 0xF4 ? 0x8F : 0xBF;
            } else {
                return i;
            }
            if (i + n >= e) {
                return i;
            }
            int second = b[i + 1] & 0xFF;
            if (second < lo || second > hi) {
                return i;
            }
            for (int k = 2; k <= n; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += n + 1;
        }
        return -1;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private int indexOfNewline() {
        for (int i = start; i < end; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            byte[] bigger = new byte[buf.length * 2];
            System.arraycopy(buf, 0, bigger, 0, end);
            buf = bigger;
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    @Override
    public long bytesRead() {
        return consumed;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
