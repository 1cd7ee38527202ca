package dev.feedbackloop.suggestions;

import dev.feedbackloop.analysis.PatternAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Suggestions and rewrites as plain JSON-ready maps with snake_case keys: what {@code --json}
 * prints and what the cache stores. Every key is always present; absent values are null.
 */
public final class SuggestionJson {
    private SuggestionJson() {
    }

    public static Map<String, Object> toMap(SuggestionReport report) {
        Map<String, Object> m = header(report.provenance(), report.analysis(), report.notes());
        m.put("suggestions", suggestions(report.suggestions()));
        return m;
    }

    public static Map<String, Object> toMap(RewriteReport report) {
        Map<String, Object> m = header(report.provenance(), report.analysis(), report.notes());
        m.putAll(rewrite(report.rewrite()));
        return m;
    }

    /** The specification's {@code suggest_improvements} items: technique, reasoning, example, addresses. */
    public static List<Map<String, String>> suggestions(List<Suggestion> suggestions) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Suggestion s : suggestions) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("technique", s.technique());
            m.put("reasoning", s.reasoning());
            m.put("example", s.example());
            m.put("addresses", s.addresses());
            out.add(m);
        }
        return out;
    }

    static Map<String, Object> rewrite(Rewrite rewrite) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("original_prompt", rewrite.original());
        m.put("rewritten_prompt", rewrite.rewritten());
        List<Map<String, Object>> changes = new ArrayList<>();
        for (Rewrite.Change c : rewrite.changes()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("change", c.what());
            cm.put("reason", c.why());
            changes.add(cm);
        }
        m.put("changes", changes);
        return m;
    }

    static Map<String, Object> provenance(Provenance p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", p.source());
        m.put("model", p.model());
        m.put("cached", p.cached());
        m.put("created_at", p.createdAt() == null ? null : p.createdAt().toString());
        m.put("fallback_reason", p.fallbackReason());
        m.put("fallback_detail", p.fallbackDetail());
        Map<String, Object> masked = new LinkedHashMap<>();
        masked.put("emails", p.masked().emails());
        masked.put("phones", p.masked().phones());
        masked.put("secrets", p.masked().secrets());
        m.put("masked", masked);
        return m;
    }

    private static Map<String, Object> header(Provenance p, PatternAnalysis a, List<String> notes) {
        Map<String, Object> m = provenance(p);
        Map<String, Object> analysis = new LinkedHashMap<>();
        analysis.put("days", a.window() == null ? null : a.window().days());
        analysis.put("total_feedback", a.totalFeedback());
        analysis.put("success_rate", a.successRate());
        analysis.put("significant_findings", a.findings() == null ? 0
                : a.findings().stream().filter(f -> f.significant()).count());
        m.put("analysis", analysis);
        m.put("notes", notes);
        return m;
    }
}
