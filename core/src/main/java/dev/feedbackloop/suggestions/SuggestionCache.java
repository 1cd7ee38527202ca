package dev.feedbackloop.suggestions;

import dev.feedbackloop.privacy.MaskCounts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.analysis.AnalysisJson;
import dev.feedbackloop.analysis.PatternAnalysis;
import dev.feedbackloop.storage.DataVersion;
import dev.feedbackloop.storage.FeedbackStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Paid answers kept in {@code pattern_cache}, so the same analysis with the same options is not asked
 * again. Key: a hash of the kind, the source's fingerprint (model, masking), the options and the
 * analysis content (leaving out its window's start and end and whether the analysis itself came from
 * a cache, so a rerun a minute later over the same entries hits); validity: the store's data version. The stored value keeps the answer, its
 * provenance and the full analysis it came from. Unreadable entries count as absent.
 */
final class SuggestionCache {
    /** The analyses' mapper, with sorted keys so equal content hashes equally. */
    private static final JsonMapper MAPPER = ((JsonMapper) AnalysisJson.mapper()).rebuild()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final FeedbackStore store;

    SuggestionCache(FeedbackStore store) {
        this.store = store;
    }

    static String key(String kind, String fingerprint, SuggestOptions options, String prompt, PatternAnalysis analysis) {
        ObjectNode content = MAPPER.valueToTree(analysis);
        content.remove("from_cache");
        if (content.get("window") instanceof ObjectNode window) {
            window.remove("start");
            window.remove("end");
        }
        String material = String.join("\n", "suggestions/v1", kind, fingerprint, String.valueOf(options.framework()),
                Integer.toString(options.limit()), Integer.toString(options.minSamples()),
                prompt == null ? "" : prompt.strip(), content.toString());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return "suggestions:" + kind + ":" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    Optional<Stored> get(String key, DataVersion version) {
        return store.cached(key, version).flatMap(SuggestionCache::read);
    }

    void put(String key, DataVersion version, PatternAnalysis analysis, Stored answer) {
        Map<String, Object> entry = new LinkedHashMap<>(SuggestionJson.provenance(answer.provenance()));
        if (answer.suggestions() != null) {
            entry.put("suggestions", SuggestionJson.suggestions(answer.suggestions()));
        }
        if (answer.rewrite() != null) {
            entry.put("rewrite", SuggestionJson.rewrite(answer.rewrite()));
        }
        entry.put("analysis", MAPPER.valueToTree(analysis));
        try {
            store.putCache(key, version, MAPPER.writeValueAsString(entry));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise suggestions", e);
        }
    }

    /** A stored answer: suggestions or a rewrite, and the provenance it was stored with. */
    record Stored(Provenance provenance, List<Suggestion> suggestions, Rewrite rewrite) {
    }

    private static Optional<Stored> read(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            JsonNode masked = n.path("masked");
            Provenance p = new Provenance(n.path("source").asText(), text(n, "model"), true,
                    Instant.parse(n.path("created_at").asText()), null, null,
                    MaskCounts.of(masked.path("emails").asInt(), masked.path("phones").asInt(),
                            masked.path("secrets").asInt()));
            List<Suggestion> suggestions = null;
            if (n.has("suggestions")) {
                suggestions = new ArrayList<>();
                for (JsonNode s : n.get("suggestions")) {
                    suggestions.add(new Suggestion(text(s, "technique"), text(s, "reasoning"), text(s, "example"),
                            text(s, "addresses")));
                }
            }
            Rewrite rewrite = null;
            if (n.has("rewrite")) {
                JsonNode r = n.get("rewrite");
                List<Rewrite.Change> changes = new ArrayList<>();
                r.path("changes").forEach(c -> changes.add(new Rewrite.Change(text(c, "change"), text(c, "reason"))));
                rewrite = new Rewrite(text(r, "original_prompt"), text(r, "rewritten_prompt"), changes);
            }
            return Optional.of(new Stored(p, suggestions, rewrite));
        } catch (RuntimeException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
