package dev.feedbackloop.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.feedbackloop.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to recognise one task type and how to serve it by default.
 *
 * @param keywords         word or phrase -> weight; matched case-insensitively on word boundaries,
 *                         a trailing {@code *} matches any word ending ({@code calculat*})
 * @param patterns         regular expressions, for what words cannot say ({@code x^2})
 * @param defaultFramework the framework the rules choose; always the first candidate
 * @param candidates       frameworks worth trying for this type (the default is added if missing)
 * @param techniques       task-specific techniques added to the framework's own
 * @param model            the model recommendation
 * @param confidence       confidence in the default when the task clearly is of this type, in (0, 1]
 */
public record TaskTypeRule(
        String name,
        String description,
        Map<String, Integer> keywords,
        List<PatternSignal> patterns,
        @JsonProperty("default_framework") String defaultFramework,
        List<String> candidates,
        List<String> techniques,
        String model,
        double confidence) {

    public TaskTypeRule {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("every task type needs a name");
        }
        String where = "task type '" + name + "': ";
        if (description == null || description.isBlank()) {
            throw new InvalidInputException(where + "description is required");
        }
        keywords = weights(keywords, where + "keyword");
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
        if (defaultFramework == null || defaultFramework.isBlank()) {
            throw new InvalidInputException(where + "default_framework is required");
        }
        List<String> all = new ArrayList<>();
        all.add(defaultFramework);
        for (String c : candidates == null ? List.<String>of() : candidates) {
            if (c == null || c.isBlank()) {
                throw new InvalidInputException(where + "candidates must not contain empty names");
            }
            if (!all.contains(c)) {
                all.add(c);
            }
        }
        candidates = List.copyOf(all);
        techniques = techniques == null ? List.of() : List.copyOf(techniques);
        if (model == null || model.isBlank()) {
            throw new InvalidInputException(where + "model is required");
        }
        if (!(confidence > 0 && confidence <= 1)) {
            throw new InvalidInputException(where + "confidence is required and must be in (0, 1], got " + confidence);
        }
    }

    private static Map<String, Integer> weights(Map<String, Integer> given, String what) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (given == null) {
            return out;
        }
        given.forEach((signal, weight) -> {
            if (signal == null || signal.isBlank() || signal.equals("*")) {
                throw new InvalidInputException(what + " must not be empty");
            }
            if (weight == null || weight <= 0) {
                throw new InvalidInputException(what + " '" + signal + "' needs a positive integer weight, got "
                        + weight);
            }
            out.put(signal, weight);
        });
        return java.util.Collections.unmodifiableMap(out);
    }
}
