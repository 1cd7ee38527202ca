package dev.feedbackloop.reporting;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.feedbackloop.internal.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A day rollup's JSON ({@code {"max_id":..,"overall":[4],"frameworks":{name:[4]},"models":..,"tags":..,
 * "features":[[4],..],"strata":{task type:{the same, with "classified":[4]}}}}) over Jackson's streaming API. A report reads dozens of rollups and a short
 * process would spend more on building the object mapper's reader for {@link DayCounts} (reflection
 * over the record, on a cold JVM) than on the reading itself. Without {@code strata} it is the text
 * the mapper wrote for earlier versions (kept under another prefix, no longer read). Thread-safe.
 */
final class DayCountsJson {
    private DayCountsJson() {
    }

    static String write(DayCounts c) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            write(g, c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, DayCounts c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("max_id", c.maxId());
        g.writeFieldName("overall");
        g.writeArray(c.overall(), 0, c.overall().length);
        writeGroups(g, "frameworks", c.frameworks());
        writeGroups(g, "models", c.models());
        writeGroups(g, "tags", c.tags());
        g.writeArrayFieldStart("features");
        for (long[] f : c.features()) {
            g.writeArray(f, 0, f.length);
        }
        g.writeEndArray();
        if (c.classified() != null) {
            g.writeFieldName("classified");
            g.writeArray(c.classified(), 0, c.classified().length);
        }
        if (!c.strata().isEmpty()) {
            g.writeObjectFieldStart("strata");
            for (Map.Entry<String, DayCounts> e : c.strata().entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeGroups(JsonGenerator g, String name, Map<String, long[]> groups) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, long[]> e : groups.entrySet()) {
            g.writeFieldName(e.getKey());
            g.writeArray(e.getValue(), 0, e.getValue().length);
        }
        g.writeEndObject();
    }

    /**
     * Unknown keys are skipped; the counts themselves are checked by {@link DayCounts#toAggregate}.
     *
     * @throws IllegalArgumentException when the text is not such an object (or a field is missing)
     */
    static DayCounts read(String json) {
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            p.nextToken();
            return read(p, json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a day rollup: " + e.getMessage(), e);
        }
    }

    private static DayCounts read(JsonParser p, String json) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        Long maxId = null;
        long[] overall = null;
        Map<String, long[]> frameworks = null;
        Map<String, long[]> models = null;
        Map<String, long[]> tags = null;
        long[][] features = null;
        long[] classified = null;
        Map<String, DayCounts> strata = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "max_id" -> {
                    expect(value, JsonToken.VALUE_NUMBER_INT);
                    maxId = p.getLongValue();
                }
                case "overall" -> overall = numbers(p);
                case "frameworks" -> frameworks = groups(p);
                case "models" -> models = groups(p);
                case "tags" -> tags = groups(p);
                case "features" -> features = arrays(p);
                case "classified" -> classified = numbers(p);
                case "strata" -> {
                    expect(value, JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        strata.put(name, read(p, json));
                    }
                }
                default -> p.skipChildren();
            }
        }
        expect(p.currentToken(), JsonToken.END_OBJECT);
        if (maxId == null || overall == null || frameworks == null || models == null || tags == null
                || features == null) {
            throw new IllegalArgumentException("a day rollup lacks a field: " + json);
        }
        return new DayCounts(maxId, overall, frameworks, models, tags, features, classified, strata);
    }

    private static Map<String, long[]> groups(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        Map<String, long[]> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            out.put(name, numbers(p));
        }
        return out;
    }

    private static long[][] arrays(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_ARRAY);
        List<long[]> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(numbers(p));
        }
        return out.toArray(new long[0][]);
    }

    private static long[] numbers(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_ARRAY);
        long[] buffer = new long[4];
        int n = 0;
        while (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
            if (n == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, n * 2);
            }
            buffer[n++] = p.getLongValue();
        }
        expect(p.currentToken(), JsonToken.END_ARRAY);
        return n == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, n);
    }

    private static void expect(JsonToken actual, JsonToken wanted) {
        if (actual != wanted) {
            throw new IllegalArgumentException("day rollup: expected " + wanted + ", found " + actual);
        }
    }
}
