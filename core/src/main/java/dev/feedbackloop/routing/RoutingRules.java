package dev.feedbackloop.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The routing rules: task types with their keywords and defaults, frameworks, techniques and
 * learning priors. Kept as data ({@code routing-rules.json}, bundled) so they can be read, tuned
 * or replaced without code. Immutable and thread-safe once loaded; every cross-reference
 * (framework, technique, fallback type) is checked at load.
 */
public final class RoutingRules {
    static final String RESOURCE = "/dev/feedbackloop/routing/routing-rules.json";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, TaskTypeRule> taskTypes;
    private final Map<String, FrameworkRule> frameworks;
    private final Map<String, String> techniques;
    private final TaskTypeRule fallback;
    private final double unmatchedConfidence;
    private final LearningSettings learning;

    private RoutingRules(RulesFile file) {
        if (file.version() != 1) {
            throw new InvalidInputException("version is required and must be 1, got " + file.version());
        }
        techniques = Map.copyOf(require(file.techniques(), "techniques"));
        frameworks = Map.copyOf(require(file.frameworks(), "frameworks"));
        frameworks.forEach((name, fw) -> {
            checkName(name, "framework");
            fw.techniques().forEach(t -> checkTechnique(t, "framework '" + name + "'"));
        });
        Map<String, TaskTypeRule> types = new LinkedHashMap<>();
        for (TaskTypeRule t : require(file.taskTypes(), "task_types")) {
            checkName(t.name(), "task type");
            if (types.put(t.name(), t) != null) {
                throw new InvalidInputException("task type '" + t.name() + "' is defined twice");
            }
            t.candidates().forEach(f -> checkFramework(f, t));
            t.techniques().forEach(tech -> checkTechnique(tech, "task type '" + t.name() + "'"));
        }
        taskTypes = java.util.Collections.unmodifiableMap(types);
        fallback = types.get(file.fallbackTaskType());
        if (fallback == null) {
            throw new InvalidInputException("fallback_task_type '" + file.fallbackTaskType()
                    + "' is not one of the task types " + types.keySet());
        }
        if (!(file.unmatchedConfidence() > 0 && file.unmatchedConfidence() <= 1)) {
            throw new InvalidInputException("unmatched_confidence is required and must be in (0, 1], got " + file.unmatchedConfidence());
        }
        unmatchedConfidence = file.unmatchedConfidence();
        learning = require(file.learning(), "learning");
    }

    /** The bundled rules. @throws IllegalStateException if the bundled file is broken (a build defect) */
    public static RoutingRules defaults() {
        return Bundled.RULES;
    }

    /**
     * Reads a rules file.
     *
     * @throws InvalidInputException naming the file, the place and what is wrong, when the file is
     *                               missing, not JSON, or breaks a rule
     */
    public static RoutingRules load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("routing rules " + file + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException("routing rules " + file + ": cannot read: " + e.getMessage());
        }
    }

    /** Parses rules from JSON text; {@code source} names it in error messages. */
    public static RoutingRules parse(String json, String source) {
        try {
            RulesFile file = MAPPER.readValue(json, RulesFile.class);
            if (file == null) {
                throw new InvalidInputException("empty rules");
            }
            return new RoutingRules(file);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("routing rules " + source + ": " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("routing rules " + source + ": " + RulesErrors.describe(e));
        }
    }

    public List<TaskTypeRule> taskTypes() {
        return List.copyOf(taskTypes.values());
    }

    public Optional<TaskTypeRule> taskType(String name) {
        return Optional.ofNullable(taskTypes.get(name));
    }

    public TaskTypeRule fallback() {
        return fallback;
    }

    /** Confidence of the fallback type's default when no keyword matched at all. */
    public double unmatchedConfidence() {
        return unmatchedConfidence;
    }

    public Map<String, FrameworkRule> frameworks() {
        return frameworks;
    }

    /** Instruction text of a technique; empty for a name the rules do not know. */
    public Optional<String> technique(String name) {
        return Optional.ofNullable(techniques.get(name));
    }

    public LearningSettings learning() {
        return learning;
    }

    /** The same rules with other learning settings (a different half-life, for instance). */
    public RoutingRules withLearning(LearningSettings settings) {
        return new RoutingRules(new RulesFile(1, fallback.name(), unmatchedConfidence, settings, frameworks,
                techniques, List.copyOf(taskTypes.values())));
    }

    private void checkFramework(String name, TaskTypeRule t) {
        if (!frameworks.containsKey(name)) {
            throw new InvalidInputException("task type '" + t.name() + "': framework '" + name
                    + "' is not defined under frameworks " + frameworks.keySet().stream().sorted().toList());
        }
    }

    private void checkTechnique(String name, String where) {
        if (!techniques.containsKey(name)) {
            throw new InvalidInputException(where + ": technique '" + name + "' is not defined under techniques");
        }
    }

    private static void checkName(String name, String what) {
        if (!name.equals(name.strip().toLowerCase(Locale.ROOT)) || name.isEmpty()) {
            throw new InvalidInputException(what + " name '" + name
                    + "' must be lowercase without surrounding spaces (feedback is matched on lowercase names)");
        }
    }

    private static <T> T require(T value, String field) {
        if (value == null || (value instanceof Map && ((Map<?, ?>) value).isEmpty())
                || (value instanceof List && ((List<?>) value).isEmpty())) {
            throw new InvalidInputException(field + " is required and must not be empty");
        }
        return value;
    }

    private static final class Bundled {
        static final RoutingRules RULES = read();

        private static RoutingRules read() {
            try (InputStream in = RoutingRules.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("bundled routing rules " + RESOURCE + " are missing");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InvalidInputException e) {
                throw new IllegalStateException("bundled routing rules are invalid: " + e.getMessage(), e);
            }
        }
    }
}
