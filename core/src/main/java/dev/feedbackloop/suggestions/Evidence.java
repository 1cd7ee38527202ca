package dev.feedbackloop.suggestions;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.analysis.Finding;
import dev.feedbackloop.analysis.GroupPerformance;
import dev.feedbackloop.analysis.PatternAnalysis;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What suggestions are based on: an analysis, the framework asked about, and example entries from
 * the analysed window (newest first). Example texts are the user's own, unmasked; a source that
 * sends them anywhere masks them itself.
 *
 * @param framework  null when no framework was asked about
 * @param failed     entries with a negative outcome
 * @param successful entries with a positive outcome
 */
public record Evidence(PatternAnalysis analysis, String framework, List<FeedbackEntry> failed,
                       List<FeedbackEntry> successful) {

    public Evidence {
        Objects.requireNonNull(analysis, "analysis");
        framework = Suggestion.blankToNull(framework);
        failed = List.copyOf(failed);
        successful = List.copyOf(successful);
    }

    /** Evidence without example entries: what the analysis alone tells. */
    static Evidence withoutExamples(PatternAnalysis analysis, String framework) {
        return new Evidence(analysis, framework, List.of(), List.of());
    }

    /** Significant findings, smallest q-value first, then largest effect. */
    public List<Finding> significantFindings() {
        if (analysis.findings() == null) {
            return List.of();
        }
        return analysis.findings().stream().filter(f -> f.significant() && !f.interaction())
                .sorted(Comparator.comparingDouble(Finding::qValue)
                        .thenComparing(f -> -Math.abs(f.effect())))
                .toList();
    }

    /** Performance of the framework asked about; empty when none was asked or it has no entries. */
    public Optional<GroupPerformance> frameworkPerformance() {
        if (framework == null || analysis.frameworkPerformance() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(analysis.frameworkPerformance().get(framework));
    }
}
