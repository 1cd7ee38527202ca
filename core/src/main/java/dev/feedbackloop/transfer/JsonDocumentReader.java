package dev.feedbackloop.transfer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The export document {@code {"exported_at": ..., "total_entries": N, "entries": [...]}} (other
 * top-level fields are ignored), or a bare array of entries, read as a stream. Errors name the
 * record's position in the array and the line where it starts. Malformed JSON ends the file there:
 * what follows cannot be told apart.
 */
final class JsonDocumentReader implements RecordReader {
    private static final int BATCH = 256;

    private final CheckedUtf8Reader text;
    private final JsonParser p;
    private final ZoneId zone;
    private final boolean wrapped;
    private long record;
    private boolean done;

    private JsonDocumentReader(CheckedUtf8Reader text, JsonParser p, ZoneId zone, boolean wrapped) {
        this.text = text;
        this.p = p;
        this.zone = zone;
        this.wrapped = wrapped;
    }

    static JsonDocumentReader open(Path file, ZoneId zone) throws IOException {
        CheckedUtf8Reader text = new CheckedUtf8Reader(Files.newInputStream(file));
        JsonParser p = Json.FACTORY.createParser(text);
        try {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_ARRAY) {
                return new JsonDocumentReader(text, p, zone, false);
            }
            if (first == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (name.equals("entries") && value == JsonToken.START_ARRAY) {
                        return new JsonDocumentReader(text, p, zone, true);
                    }
                    p.skipChildren();
                }
            }
            throw new InvalidInputException(file + ": a .json import must be an export document "
                    + "{\"exported_at\": ..., \"entries\": [...]} or an array of entries");
        } catch (JsonProcessingException e) {
            p.close();
            throw new InvalidInputException(file + ": line " + e.getLocation().getLineNr() + ": "
                    + StrictJson.malformed(e));
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    @Override
    public List<ParsedRecord> next() throws IOException {
        List<ParsedRecord> out = new ArrayList<>(BATCH);
        while (out.size() < BATCH && !done) {
            long line = p.currentLocation().getLineNr();
            try {
                JsonToken t = p.nextToken();
                line = p.currentTokenLocation().getLineNr();
                if (t == JsonToken.END_ARRAY) {
                    done = true;
                    finish(out);
                } else {
                    out.add(entry(t, ++record, line));
                }
            } catch (JsonProcessingException e) {
                done = true;
                out.add(ParsedRecord.bad(e.getLocation().getLineNr(), ++record,
                        StrictJson.malformed(e) + "; the rest of the file cannot be read"));
            }
        }
        return out;
    }

    private ParsedRecord entry(JsonToken t, long rec, long line) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return ParsedRecord.bad(line, rec, "expected an entry object {...}, found " + StrictJson.describe(t));
        }
        Map<String, Object> fields;
        try {
            fields = StrictJson.readRecord(p);
        } catch (InvalidInputException e) {
            return ParsedRecord.bad(line, rec, e.getMessage());
        }
        String badText = text.invalidIn(line, p.currentLocation().getLineNr());
        if (badText != null) {
            return ParsedRecord.bad(line, rec, badText);
        }
        try {
            return ParsedRecord.ok(line, rec, ImportRecords.row(fields, zone));
        } catch (InvalidInputException e) {
            return ParsedRecord.bad(line, rec, e.getMessage());
        }
    }

    /** Reads past the entries array to the end of the document; junk after it is reported as a bad record. */
    private void finish(List<ParsedRecord> out) throws IOException {
        if (wrapped) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                p.nextToken();
                p.skipChildren();
            }
        }
        JsonToken after = p.nextToken();
        if (after != null) {
            out.add(ParsedRecord.bad(p.currentTokenLocation().getLineNr(), record + 1,
                    "unexpected content after the end of the document"));
        }
    }

    @Override
    public long bytesRead() {
        return text.bytesRead();
    }

    @Override
    public void close() throws IOException {
        p.close();
        text.close();
    }
}
