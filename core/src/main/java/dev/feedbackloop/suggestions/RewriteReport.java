package dev.feedbackloop.suggestions;

import dev.feedbackloop.analysis.PatternAnalysis;
import java.util.List;

/** A rewritten prompt, where it came from, and notes about the data. */
public record RewriteReport(Rewrite rewrite, Provenance provenance, List<String> notes, PatternAnalysis analysis) {
    public RewriteReport {
        notes = List.copyOf(notes);
    }
}
