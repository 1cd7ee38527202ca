package dev.feedbackloop.suggestions;

import dev.feedbackloop.StorageException;
import dev.feedbackloop.analysis.AnalysisOptions;
import dev.feedbackloop.analysis.Analyzer;
import dev.feedbackloop.analysis.PatternAnalysis;
import dev.feedbackloop.privacy.MaskCounts;
import dev.feedbackloop.privacy.Redactor;
import dev.feedbackloop.storage.DataVersion;
import dev.feedbackloop.storage.FeedbackStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Prompt-improvement suggestions for an analysis: a stored answer for the same analysis and options
 * when there is one (unless refreshing), else the primary source (Claude), else, when that cannot
 * answer, the fallback (rules), with the reason recorded in the {@link Provenance}. Only the
 * primary's answers are stored. Thread-safe when the store is.
 */
public final class Suggester {
    private final FeedbackStore store;
    private final SuggestionSource primary;
    private final SuggestionSource fallback;
    private final Clock clock;
    private final SuggestionCache cache;

    public Suggester(FeedbackStore store, SuggestionSource primary, SuggestionSource fallback, Clock clock) {
        this.store = store;
        this.primary = primary;
        this.fallback = fallback;
        this.clock = clock;
        this.cache = new SuggestionCache(store);
    }

    /**
     * Claude (when {@code settings} has a key) with the rules as fallback. Library entry point; the
     * CLI wires its own to print progress.
     */
    public static Suggester of(FeedbackStore store, ClaudeSettings settings, Clock clock) {
        return new Suggester(store, new ClaudeSource(settings, new Redactor(), clock), new RuleBasedSource(), clock);
    }

    /**
     * The specification's {@code suggest_improvements(framework, days, limit)}: analyses the last
     * {@code days} days and returns the suggestions as maps of technique, reasoning, example and
     * addresses (values may be null).
     *
     * @throws dev.feedbackloop.InsufficientDataException when the window holds fewer than
     *         {@link SuggestOptions#DEFAULT_MIN_SAMPLES} entries
     */
    public List<Map<String, String>> suggestImprovements(String framework, int days, int limit) {
        SuggestOptions options = new SuggestOptions(framework, days, SuggestOptions.DEFAULT_MIN_SAMPLES, limit, false);
        return SuggestionJson.suggestions(suggest(options).suggestions());
    }

    /**
     * As {@link #suggestImprovements(String, int, int)} for exactly [{@code start}, {@code end}): what a
     * review of a calendar week or month suggests.
     */
    public List<Map<String, String>> suggestImprovements(Instant start, Instant end, int limit) {
        SuggestOptions options = new SuggestOptions(null, Math.max(1, (int) Math.ceil(
                Duration.between(start, end).toSeconds() / 86_400.0)), SuggestOptions.DEFAULT_MIN_SAMPLES, limit,
                false);
        PatternAnalysis analysis = new Analyzer(store, clock).analyzeBetween(start, end,
                AnalysisOptions.of(options.days(), options.minSamples()));
        return SuggestionJson.suggestions(suggest(analysis, options).suggestions());
    }

    /**
     * Analyses the last {@code options.days()} days, then suggests.
     *
     * @throws dev.feedbackloop.InsufficientDataException when the window holds fewer than
     *         {@code options.minSamples()} entries
     */
    public SuggestionReport suggest(SuggestOptions options) {
        return suggest(new Analyzer(store, clock).analyze(options.days(), options.minSamples()), options);
    }

    /** At most {@code options.limit()} suggestions for this analysis. Never fails because Claude did. */
    public SuggestionReport suggest(PatternAnalysis analysis, SuggestOptions options) {
        Answer<List<Suggestion>> a = answer("suggest", null, analysis, options, SuggestionCache.Stored::suggestions,
                (source, evidence) -> source.suggest(evidence, options.limit()),
                (p, suggestions) -> new SuggestionCache.Stored(p, suggestions, null));
        if (a.fromFallback() && a.value().isEmpty()) {
            a.notes().add("Nothing in the data points to a specific change yet: capture more feedback (with notes) "
                    + "or analyse more days.");
        }
        return new SuggestionReport(a.value(), a.provenance(), a.notes(), analysis);
    }

    /** An improved version of {@code prompt} applying the analysis. Never fails because Claude did. */
    public RewriteReport rewrite(PatternAnalysis analysis, String prompt, SuggestOptions options) {
        if (prompt == null || prompt.isBlank()) {
            throw new dev.feedbackloop.InvalidInputException("the prompt to rewrite is empty");
        }
        Answer<Rewrite> a = answer("rewrite", prompt, analysis, options, SuggestionCache.Stored::rewrite,
                (source, evidence) -> source.rewrite(evidence, prompt),
                (p, rewrite) -> new SuggestionCache.Stored(p, null, rewrite));
        if (a.fromFallback() && a.value().changes().isEmpty()) {
            a.notes().add("Nothing in the analysis applies to this prompt, so it is unchanged.");
        }
        return new RewriteReport(a.value(), a.provenance(), a.notes(), analysis);
    }

    /** An answer, where it came from, and the notes for the reader (which the caller may add to). */
    private record Answer<T>(T value, Provenance provenance, List<String> notes, boolean fromFallback) {
    }

    /**
     * The sequence behind {@link #suggest} and {@link #rewrite}: the stored answer of this kind for
     * the same analysis and options (unless refreshing), else the primary source's (stored for
     * reuse), else the fallback's. Example entries are read from the store only when a source is asked.
     *
     * @param cached   the answer of this kind in a stored entry; null when the entry holds the other kind
     * @param ask      asks a source
     * @param toStored what to store for a fresh answer
     */
    private <T> Answer<T> answer(String kind, String prompt, PatternAnalysis analysis, SuggestOptions options,
                                 Function<SuggestionCache.Stored, T> cached,
                                 BiFunction<SuggestionSource, Evidence, SuggestionSource.Sourced<T>> ask,
                                 BiFunction<Provenance, T, SuggestionCache.Stored> toStored) {
        List<String> notes = notes(Evidence.withoutExamples(analysis, options.framework()));
        String key = SuggestionCache.key(kind, primary.fingerprint(), options, prompt, analysis);
        DataVersion version = store.dataVersion();
        if (!options.refresh()) {
            Optional<SuggestionCache.Stored> stored = cache.get(key, version).filter(s -> cached.apply(s) != null);
            if (stored.isPresent()) {
                return new Answer<>(cached.apply(stored.get()), stored.get().provenance(), notes, false);
            }
        }
        Evidence evidence = EvidenceCollector.collect(store, analysis, options.framework());
        try {
            SuggestionSource.Sourced<T> answer = ask.apply(primary, evidence);
            Provenance p = fresh(primary, answer.masked(), null);
            store(notes, () -> cache.put(key, version, analysis, toStored.apply(p, answer.value())));
            return new Answer<>(answer.value(), p, notes, false);
        } catch (SourceUnavailableException e) {
            return new Answer<>(ask.apply(fallback, evidence).value(), fresh(fallback, MaskCounts.NONE, e), notes, true);
        }
    }

    private Provenance fresh(SuggestionSource source, MaskCounts masked, SourceUnavailableException failure) {
        return new Provenance(source.name(), source.model().orElse(null), false, clock.instant(),
                failure == null ? null : failure.reason(), failure == null ? null : failure.getMessage(), masked);
    }

    /** A paid answer is returned even when it cannot be stored; the note says so. */
    private static void store(List<String> notes, Runnable put) {
        try {
            put.run();
        } catch (StorageException e) {
            notes.add("Could not store the answer for reuse: " + e.getMessage());
        }
    }

    private static List<String> notes(Evidence evidence) {
        List<String> notes = new ArrayList<>();
        PatternAnalysis a = evidence.analysis();
        if (evidence.significantFindings().isEmpty()) {
            notes.add("No significant findings among the " + a.totalFeedback() + " entries analysed: no group of "
                    + "prompts did significantly better or worse than the rest, so any suggestion is weakly supported.");
        }
        if (evidence.framework() != null) {
            notes.add(evidence.frameworkPerformance()
                    .map(g -> "Framework \"" + evidence.framework() + "\": " + ClaudePrompts.describe(g) + ".")
                    .orElse("No entries with the framework \"" + evidence.framework() + "\" in the analysed window."));
        }
        return notes;
    }
}
