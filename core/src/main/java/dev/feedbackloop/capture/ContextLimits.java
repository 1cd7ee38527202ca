package dev.feedbackloop.capture;

import dev.feedbackloop.InvalidInputException;
import java.util.Map;

/**
 * The limits on an entry's context, checked before anything is stored (capture, import, the
 * library): objects and arrays nested at most {@link #MAX_DEPTH} levels deep (the context object
 * itself is level 1) and
 * a size of at most {@link #MAX_SIZE}, where every key and string counts its characters and every
 * other value (number, boolean, null, object, array) counts 1. A context is metadata (framework,
 * model, a routing decision of a few hundred characters), not a document store; the limits keep
 * every stored entry printable as JSON by every command.
 */
public final class ContextLimits {
    public static final int MAX_DEPTH = 32;
    public static final int MAX_SIZE = 65_536;

    private ContextLimits() {
    }

    /** @throws InvalidInputException when {@code context} breaks a limit, saying which */
    public static void check(Map<String, ?> context) {
        long size = size(context, 1);
        if (size > MAX_SIZE) {
            throw new InvalidInputException("context is too large: size " + size + " (keys and strings count their "
                    + "characters, other values 1), at most " + MAX_SIZE);
        }
    }

    /** The size of {@code value}, an object or array being at nesting level {@code depth}. */
    private static long size(Object value, int depth) {
        if (value instanceof String) {
            return ((String) value).length();
        }
        if ((value instanceof Map || value instanceof Iterable) && depth > MAX_DEPTH) {
            throw new InvalidInputException("context is nested more than " + MAX_DEPTH + " levels deep");
        }
        long size = 1;
        if (value instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                size += String.valueOf(e.getKey()).length() + size(e.getValue(), depth + 1);
                if (size > MAX_SIZE) {
                    return size;
                }
            }
        } else if (value instanceof Iterable) {
            for (Object o : (Iterable<?>) value) {
                size += size(o, depth + 1);
                if (size > MAX_SIZE) {
                    return size;
                }
            }
        }
        return size;
    }
}
