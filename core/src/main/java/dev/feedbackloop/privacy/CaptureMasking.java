package dev.feedbackloop.privacy;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.capture.FeedbackEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link Masking} applied to an entry before it is stored: its prompt, output, notes and every string in
 * its context (nested ones too, and the keys) are masked the same way, and the counts go into the context under
 * {@value #COUNTS_KEY} ({@code {"email": 1, "phone": 2}}), replacing any value sent there. The context
 * keys that identify things ({@code output_id}, {@code rater_id}) and the routing names
 * ({@code framework}, {@code model}, {@code task_type}) are left alone: masking a rater's id would merge
 * raters. Thread-safe.
 */
public final class CaptureMasking {
    /** The context key of what was masked. */
    public static final String COUNTS_KEY = "masked";
    private static final Set<String> IDENTIFIERS = Set.of(FeedbackEntry.OUTPUT_ID, FeedbackEntry.RATER_ID,
            FeedbackEntry.FRAMEWORK, FeedbackEntry.MODEL, FeedbackEntry.TASK_TYPE, COUNTS_KEY);

    private final Masking mode;
    private final Masker masker;

    /** @param masker may be null when {@code mode} is off */
    public CaptureMasking(Masking mode, Masker masker) {
        if (mode != Masking.OFF) {
            java.util.Objects.requireNonNull(masker, "masker");
        }
        this.mode = mode;
        this.masker = masker;
    }

    public Masking mode() {
        return mode;
    }

    /**
     * The entry as it is to be stored: unchanged when the mode is off or nothing is found.
     *
     * @throws InvalidInputException in reject mode when something is found, naming the field and kinds
     */
    public FeedbackEntry apply(FeedbackEntry e) {
        if (mode == Masking.OFF) {
            return e;
        }
        MaskCounts[] total = {MaskCounts.NONE};
        String prompt = mask(e.prompt(), "prompt", total);
        String output = mask(e.output(), "output", total);
        String notes = e.notes() == null ? null : mask(e.notes(), "notes", total);
        Map<String, Object> context = new LinkedHashMap<>();
        for (Map.Entry<String, Object> c : e.context().entrySet()) {
            if (IDENTIFIERS.contains(c.getKey())) {
                context.put(c.getKey(), c.getValue());
            } else {
                String key = unique(context, maskKey(c.getKey(), "context", total));
                context.put(key, maskValue(c.getValue(), "context." + key, total));
            }
        }
        if (total[0].total() == 0) {
            return e;
        }
        context.put(COUNTS_KEY, merged(e.context().get(COUNTS_KEY), total[0]));
        return new FeedbackEntry(prompt, output, e.rating(), e.thumbsUp(), e.tags(), e.timestamp(), context,
                e.feedbackId(), notes);
    }

    /** Counts masked earlier (an entry masked at capture, exported with --redact) plus these. */
    private static Map<String, Object> merged(Object earlier, MaskCounts now) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (earlier instanceof Map) {
            ((Map<?, ?>) earlier).forEach((k, v) -> {
                if (v instanceof Number) {
                    out.put(String.valueOf(k), ((Number) v).intValue());
                }
            });
        }
        now.toMap().forEach((k, v) -> out.merge(k, v, (a, b) -> (Integer) a + (Integer) b));
        return out;
    }

    private Object maskValue(Object value, String field, MaskCounts[] total) {
        if (value instanceof String) {
            return mask((String) value, field, total);
        }
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> c : ((Map<?, ?>) value).entrySet()) {
                String key = unique(out, maskKey(String.valueOf(c.getKey()), field, total));
                out.put(key, maskValue(c.getValue(), field + "." + key, total));
            }
            return out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<?>) value) {
                out.add(maskValue(o, field, total));
            }
            return out;
        }
        return value;
    }

    /**
     * A context key, masked like a value (a key can hold an address too). Field names in messages use
     * the masked key, so reject mode never repeats what it found.
     */
    private String maskKey(String key, String parent, MaskCounts[] total) {
        return mask(key, "a key in " + parent, parent, total);
    }

    /** {@code key}, or {@code key#2}, {@code key#3}...: two keys masked alike both keep their values. */
    private static String unique(Map<String, Object> in, String key) {
        String k = key;
        for (int n = 2; in.containsKey(k); n++) {
            k = key + "#" + n;
        }
        return k;
    }

    private String mask(String text, String field, MaskCounts[] total) {
        return mask(text, field, field, total);
    }

    /** @param what the field as the message names it; {@code field}: the field the error points at */
    private String mask(String text, String what, String field, MaskCounts[] total) {
        Masker.Masked m = masker.mask(text);
        if (!m.changed()) {
            return text;
        }
        if (mode == Masking.REJECT) {
            throw new InvalidInputException(what + " holds " + m.counts().toMap().keySet().stream()
                    .collect(Collectors.joining(", ")) + " (masking is 'reject' on this deployment): remove it, "
                    + "or ask for masking 'mask'", field);
        }
        total[0] = total[0].plus(m.counts());
        return m.text();
    }
}
