package dev.feedbackloop.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.feedbackloop.InvalidInputException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain-value JSON (maps, lists, strings, numbers, booleans, null) over Jackson's streaming API.
 * Used on the capture path, where building an ObjectMapper would cost more than the capture.
 * Thread-safe.
 */
public final class Json {
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private Json() {
    }

    /** Parses any JSON value into plain Java values. @throws InvalidInputException on bad JSON */
    public static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new InvalidInputException("empty JSON");
            }
            Object value = read(p);
            if (p.nextToken() != null) {
                throw new InvalidInputException("unexpected content after the JSON value at column "
                        + p.currentLocation().getColumnNr());
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a JSON object. @throws InvalidInputException when it is not valid JSON or not an object */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text, String what) {
        Object value;
        try {
            value = parse(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(what + " is not valid JSON: " + e.getMessage());
        }
        if (!(value instanceof Map)) {
            throw new InvalidInputException(what + " must be a JSON object like {\"key\": \"value\"}, got "
                    + describe(value));
        }
        return (Map<String, Object>) value;
    }

    /** Reads the value at the parser's current token (which must already be advanced to). */
    public static Object read(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String key = p.currentName();
                    p.nextToken();
                    map.put(key, read(p));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberValue();
            case VALUE_NUMBER_FLOAT: {
                double d = p.getDoubleValue();
                if (Double.isInfinite(d)) {
                    throw new InvalidInputException("number " + p.getText() + " is out of range");
                }
                return d;
            }
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new InvalidInputException("unexpected JSON token " + p.currentToken());
        }
    }

    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void write(JsonGenerator g, Object value) throws IOException {
        write(g, value, (gen, v) -> false);
    }

    /** Writes values of types of its own, or says it did not ({@link #write(JsonGenerator, Object, Writer)}). */
    @FunctionalInterface
    public interface Writer {
        /** @return true when {@code value} was written, false to let the plain-value rules write it */
        boolean write(JsonGenerator g, Object value) throws IOException;
    }

    /**
     * Writes {@code value} as plain JSON, asking {@code special} first for it and for every value
     * nested in its maps and lists.
     */
    public static void write(JsonGenerator g, Object value, Writer special) throws IOException {
        if (special.write(g, value)) {
            return;
        }
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String) {
            g.writeString((String) value);
        } else if (value instanceof Boolean) {
            g.writeBoolean((Boolean) value);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger) {
            g.writeNumber((BigInteger) value);
        } else if (value instanceof BigDecimal) {
            g.writeNumber((BigDecimal) value);
        } else if (value instanceof Number) {
            g.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue(), special);
            }
            g.writeEndObject();
        } else if (value instanceof Iterable) {
            g.writeStartArray();
            for (Object o : (Iterable<?>) value) {
                write(g, o, special);
            }
            g.writeEndArray();
        } else {
            g.writeString(value.toString());
        }
    }

    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return value.getClass().getSimpleName();
    }
}
