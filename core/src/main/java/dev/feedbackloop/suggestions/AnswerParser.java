package dev.feedbackloop.suggestions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads suggestions and rewrites out of a model's free-text answer: JSON in a fenced block or bare,
 * with prose around it, trailing commas, comments, single quotes, raw newlines in strings, synonyms
 * for field names and missing optional fields. Items without a technique are dropped. Thread-safe.
 */
final class AnswerParser {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();
    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*\\s*\\n(.*?)```", Pattern.DOTALL);
    private static final int MAX_START_POSITIONS = 64;

    private AnswerParser() {
    }

    /** @throws SourceUnavailableException ({@code unparseable answer}) when no suggestion can be read */
    static List<Suggestion> suggestions(String answer, int limit) {
        List<Suggestion> found = firstAccepted(answer, AnswerParser::suggestionsIn)
                .orElseThrow(() -> unparseable(answer, "no JSON with suggestions"));
        return found.subList(0, Math.min(limit, found.size()));
    }

    /** @throws SourceUnavailableException ({@code unparseable answer}) when no rewritten prompt can be read */
    static Rewrite rewrite(String original, String answer) {
        return firstAccepted(answer, node -> rewriteIn(original, node))
                .orElseThrow(() -> unparseable(answer, "no JSON with a rewritten prompt"));
    }

    private static <T> Optional<T> firstAccepted(String answer, Function<JsonNode, Optional<T>> accept) {
        if (answer == null || answer.isBlank()) {
            return Optional.empty();
        }
        for (String candidate : candidates(answer)) {
            Optional<T> value = parse(candidate).flatMap(accept);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** Fenced blocks first, then the text from each '{' or '[' on. */
    private static List<String> candidates(String answer) {
        List<String> out = new ArrayList<>();
        Matcher fence = FENCE.matcher(answer);
        while (fence.find()) {
            out.add(fence.group(1));
        }
        for (int i = 0, n = 0; i < answer.length() && n < MAX_START_POSITIONS; i++) {
            char c = answer.charAt(i);
            if (c == '{' || c == '[') {
                out.add(answer.substring(i));
                n++;
            }
        }
        return out;
    }

    /** The first JSON value at the start of {@code text}; what follows it is ignored. */
    private static Optional<JsonNode> parse(String text) {
        try (JsonParser p = MAPPER.createParser(text.strip())) {
            JsonNode node = MAPPER.readTree(p);
            return Optional.ofNullable(node).filter(n -> n.isObject() || n.isArray());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<List<Suggestion>> suggestionsIn(JsonNode node) {
        JsonNode items = node;
        if (node.isObject()) {
            items = field(node, "suggestions", "improvements", "recommendations");
            if (items == null) {
                items = node.has("technique") ? MAPPER.createArrayNode().add(node) : null;
            }
        }
        if (items == null || !items.isArray()) {
            return Optional.empty();
        }
        List<Suggestion> out = new ArrayList<>();
        for (JsonNode item : items) {
            String technique = item.isTextual() ? item.asText() : text(item, "technique", "title", "name", "suggestion");
            if (technique != null && !technique.isBlank()) {
                out.add(new Suggestion(technique, text(item, "reasoning", "reason", "rationale", "why"),
                        text(item, "example", "example_prompt", "examplePrompt"),
                        text(item, "addresses", "finding", "addresses_finding", "addressesFinding")));
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    private static Optional<Rewrite> rewriteIn(String original, JsonNode node) {
        String rewritten = text(node, "rewritten_prompt", "rewrittenPrompt", "rewritten", "improved_prompt", "prompt");
        if (rewritten == null || rewritten.isBlank()) {
            return Optional.empty();
        }
        List<Rewrite.Change> changes = new ArrayList<>();
        JsonNode list = field(node, "changes", "what_changed");
        if (list != null && list.isArray()) {
            for (JsonNode item : list) {
                String what = item.isTextual() ? item.asText() : text(item, "change", "what", "description");
                if (what != null && !what.isBlank()) {
                    changes.add(new Rewrite.Change(what, text(item, "reason", "why", "reasoning")));
                }
            }
        }
        return Optional.of(new Rewrite(original, rewritten, changes));
    }

    private static JsonNode field(JsonNode node, String... names) {
        if (!node.isObject()) {
            return null;
        }
        for (String name : names) {
            JsonNode v = node.get(name);
            if (v != null && !v.isNull()) {
                return v;
            }
        }
        return null;
    }

    /** A field as text: strings as they are, arrays of strings one per line, anything else as JSON. */
    private static String text(JsonNode node, String... names) {
        JsonNode v = field(node, names);
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isArray()) {
            List<String> lines = new ArrayList<>();
            v.forEach(e -> lines.add(e.isTextual() ? e.asText() : e.toString()));
            return String.join("\n", lines);
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static SourceUnavailableException unparseable(String answer, String what) {
        String start = answer == null ? "" : answer.strip().replaceAll("\\s+", " ");
        start = start.length() > 80 ? start.substring(0, 80) + "..." : start;
        return new SourceUnavailableException(SourceUnavailableException.UNPARSEABLE,
                "Claude's answer had " + what + (start.isEmpty() ? " (empty answer)" : ": \"" + start + "\""));
    }
}
