package dev.feedbackloop.transfer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON Lines: one entry object per line. Lines are split on raw bytes and each is decoded strictly
 * (invalid UTF-8 makes that line bad, naming the byte), so one bad line never hides the next.
 * Blank lines are skipped. A UTF-8 byte order mark at the start is allowed.
 */
final class JsonLinesReader implements RecordReader {
    private static final int BATCH = 256;

    private final InputStream in;
    private final ZoneId zone;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] buf = new byte[1 << 20];
    private int start;
    private int end;
    private boolean eof;
    private long consumed;
    private long line;
    private long record;
    private CharBuffer chars = CharBuffer.allocate(1 << 14);

    JsonLinesReader(Path file, ZoneId zone) throws IOException {
        this.in = Files.newInputStream(file);
        this.zone = zone;
    }

    @Override
    public List<ParsedRecord> next() throws IOException {
        List<ParsedRecord> out = new ArrayList<>(BATCH);
        while (out.size() < BATCH) {
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
        return out;
    }

    private void lineAt(int lineEnd, List<ParsedRecord> out) {
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
        out.add(parse(s, e));
    }

    private ParsedRecord parse(int s, int e) {
        String bad = decode(s, e);
        if (bad != null) {
            return ParsedRecord.bad(line, record, bad);
        }
        try (JsonParser p = Json.FACTORY.createParser(chars.array(), 0, chars.position())) {
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

    /** Decodes bytes [s, e) into {@link #chars}; returns the error message for invalid UTF-8, else null. */
    private String decode(int s, int e) {
        if (chars.capacity() < e - s) {
            chars = CharBuffer.allocate(Math.max(e - s, chars.capacity() * 2));
        }
        chars.clear();
        ByteBuffer bytes = ByteBuffer.wrap(buf, s, e - s);
        decoder.reset();
        CoderResult r = decoder.decode(bytes, chars, true);
        if (r.isUnderflow()) {
            r = decoder.flush(chars);
        }
        if (r.isError()) {
            return "invalid UTF-8: byte " + (bytes.position() - s + 1) + " of the line (0x"
                    + String.format("%02X", buf[bytes.position()] & 0xFF) + ") is not part of a valid character";
        }
        return null;
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
