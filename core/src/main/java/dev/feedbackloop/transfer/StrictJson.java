package dev.feedbackloop.transfer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.internal.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading one record object of an import file, and the wording of JSON problems. */
final class StrictJson {
    private StrictJson() {
    }

    /**
     * Reads the object the parser is at (current token START_OBJECT) to its end. A field given twice
     * is an error (it hides which value counts), raised only after the whole object was consumed,
     * so the parser stays usable for the next record.
     *
     * @throws InvalidInputException for a repeated field
     * @throws JsonProcessingException for malformed JSON (the parser is then unusable)
     */
    static Map<String, Object> readRecord(JsonParser p) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        String repeated = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            Object value = Json.read(p);
            if (repeated == null && fields.containsKey(name)) {
                repeated = name;
            }
            fields.put(name, value);
        }
        if (repeated != null) {
            throw new InvalidInputException("field '" + repeated + "' appears more than once");
        }
        return fields;
    }

    /** "malformed JSON: <what the parser said> at column N", without Jackson's source excerpt. */
    static String malformed(JsonProcessingException e) {
        String where = e.getLocation() == null || e.getLocation().getColumnNr() < 1
                ? "" : " at column " + e.getLocation().getColumnNr();
        return "malformed JSON: " + e.getOriginalMessage() + where;
    }

    /** What a JSON value starting with {@code token} is, for messages ("an array"). */
    static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        switch (token) {
            case START_ARRAY:
                return "an array";
            case START_OBJECT:
                return "an object";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.name();
        }
    }
}
