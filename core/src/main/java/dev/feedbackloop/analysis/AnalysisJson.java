package dev.feedbackloop.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.feedbackloop.FeedbackLoopException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON of analysis and report values: snake_case keys as in the specification ({@code total_feedback},
 * {@code success_rate}, ...), instants as ISO-8601 text. Reading ignores unknown keys. Thread-safe.
 */
public final class AnalysisJson {
    /** Built on first use, which {@link #warmUp} makes happen on its own thread rather than the caller's. */
    private static final class Mapper {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    private static final Set<Class<?>> WARMED = ConcurrentHashMap.newKeySet();

    private AnalysisJson() {
    }

    /**
     * Builds the mapper (when not yet built) and its serializers for {@code types} on a background
     * thread, so that a short-lived process pays for it while it waits on other work (opening the
     * database, scanning). Returns at once; a type is warmed once per process, so a long-lived
     * embedder starts no thread after the first call.
     */
    public static void warmUp(Class<?>... types) {
        List<Class<?>> cold = new ArrayList<>();
        for (Class<?> type : types) {
            if (WARMED.add(type)) {
                cold.add(type);
            }
        }
        if (cold.isEmpty()) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                for (Class<?> type : cold) {
                    Mapper.MAPPER.writerFor(type);
                }
            } catch (RuntimeException ignored) {
                // only a head start; the real call reports any problem
            }
        }, "json-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** The configured mapper, for callers that stream or convert (do not reconfigure it). */
    public static ObjectMapper mapper() {
        return Mapper.MAPPER;
    }

    public static String write(Object value) {
        try {
            return Mapper.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new FeedbackLoopException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static String writePretty(Object value) {
        try {
            return Mapper.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new FeedbackLoopException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** @throws FeedbackLoopException when the text is not JSON of that shape */
    public static <T> T read(String json, Class<T> type) {
        try {
            return Mapper.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new FeedbackLoopException("not a " + type.getSimpleName() + " in JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static PatternAnalysis readAnalysis(String json) {
        return read(json, PatternAnalysis.class);
    }
}
