package dev.feedbackloop.suggestions;

import dev.feedbackloop.analysis.AnalysisWindow;
import dev.feedbackloop.analysis.PatternAnalysis;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.FeedbackQuery;
import dev.feedbackloop.storage.FeedbackStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads example entries of an analysis' window from the store: three queries of at most {@link #PER_QUERY} rows. */
final class EvidenceCollector {
    static final int PER_QUERY = 200;

    private EvidenceCollector() {
    }

    static Evidence collect(FeedbackStore store, PatternAnalysis analysis, String framework) {
        AnalysisWindow w = analysis.window();
        Instant since = w == null ? null : w.start();
        Instant until = w == null ? null : w.end();
        if (since != null && until != null && !since.isBefore(until)) {
            return Evidence.withoutExamples(analysis, framework);
        }
        FeedbackQuery low = new FeedbackQuery(since, until, null, 2, null, null, PER_QUERY);
        FeedbackQuery down = new FeedbackQuery(since, until, null, null, false, null, PER_QUERY);
        FeedbackQuery good = new FeedbackQuery(since, until, 4, null, true, null, PER_QUERY);
        Map<String, FeedbackEntry> failed = new LinkedHashMap<>();
        // rating <= 2 or thumbs down: exactly the negative outcomes (Outcome.of)
        Stream.concat(store.find(low).stream(), store.find(down).stream())
                .forEach(e -> failed.putIfAbsent(e.feedbackId(), e));
        List<FeedbackEntry> failedNewestFirst = failed.values().stream()
                .sorted(Comparator.comparing(FeedbackEntry::timestamp).reversed())
                .limit(PER_QUERY)
                .toList();
        return new Evidence(analysis, framework, failedNewestFirst, store.find(good));
    }
}
