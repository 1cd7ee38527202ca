package dev.feedbackloop.suggestions;

import dev.feedbackloop.analysis.PatternAnalysis;
import java.util.List;

/**
 * Suggestions, where they came from, and notes about the data (no significant findings, the
 * framework asked about). {@code suggestions} may be empty: then a note says why.
 */
public record SuggestionReport(List<Suggestion> suggestions, Provenance provenance, List<String> notes,
                               PatternAnalysis analysis) {
    public SuggestionReport {
        suggestions = List.copyOf(suggestions);
        notes = List.copyOf(notes);
    }
}
