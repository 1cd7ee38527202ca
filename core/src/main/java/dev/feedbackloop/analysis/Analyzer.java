package dev.feedbackloop.analysis;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.feedbackloop.InsufficientDataException;
import dev.feedbackloop.analysis.stats.PhraseAnalyzer;
import dev.feedbackloop.analysis.stats.Proportions;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.storage.DataVersion;
import dev.feedbackloop.storage.FeedbackStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The specification's {@code analyze_patterns}: success of the last N days overall and by framework,
 * tag, model and prompt feature, with intervals, comparisons controlled for false discoveries,
 * distinctive phrases and recommendations backed by evidence.
 *
 * <p>Streams the narrow analysis rows of the window (memory bounded by the number of groups) and
 * reads texts only for a uniform sample. Results are cached in {@code pattern_cache} under the
 * parameters and the store's data version. A repeated analysis with no new feedback is answered
 * from the cache, marked {@code from_cache}: with the window it was computed for, as long as that
 * ended at most 1/100 of the window length ago (about 7 hours for 30 days) - entries only age out
 * of a rolling window, and on a busy store one does every few seconds; later, with the new window,
 * if no entry left or entered it since. Thread-safe if the store is.
 */
public final class Analyzer {
    private static final long SAMPLE_SEED = 42;

    private final FeedbackStore store;
    private final Clock clock;
    private final TaskTyping typing;
    /** Created on the first computation: a cache hit loads no text analysis classes. */
    private PhraseAnalyzer phrases;

    /** Entries without a routed task type are typed by the classifier of the bundled routing rules. */
    public Analyzer(FeedbackStore store, Clock clock) {
        this(store, clock, null);
    }

    /** @param notes told, in one line, of long one-time work ({@link TaskTyping}); null: nobody */
    public Analyzer(FeedbackStore store, Clock clock, Consumer<String> notes) {
        this.store = store;
        this.clock = clock;
        this.typing = new TaskTyping(store, notes);
    }

    /**
     * Analyses the last {@code days} days with the default support and phrase sample.
     *
     * @throws InsufficientDataException when the window holds fewer than {@code minSamples} entries
     * @throws dev.feedbackloop.InvalidInputException for days outside 1..3650 or minSamples below 1
     */
    public PatternAnalysis analyze(int days, int minSamples) {
        return analyze(AnalysisOptions.of(days, minSamples));
    }

    /** As {@link #analyze(int, int)} with every option given. */
    public PatternAnalysis analyze(AnalysisOptions options) {
        Request r = request(options);
        if (r.hit != null) {
            PatternAnalysis cached = AnalysisJson.readAnalysis(r.hit);
            return r.renewWindow ? cached.cachedFor(r.window) : cached;
        }
        return computeAndCache(r);
    }

    /**
     * The analysis as JSON ({@link AnalysisJson}), for callers that only pass it on: a cache hit is
     * returned as stored, without building the objects.
     */
    public String analyzeJson(AnalysisOptions options) {
        Request r = request(options);
        if (r.hit != null) {
            return r.renewWindow ? AnalysisJson.write(AnalysisJson.readAnalysis(r.hit).cachedFor(r.window)) : r.hit;
        }
        return AnalysisJson.write(computeAndCache(r));
    }

    /**
     * @param hit         cached JSON valid for this request, or null
     * @param renewWindow the hit covers the same entries as {@code window} and should say so
     */
    private record Request(AnalysisOptions options, AnalysisWindow window, DataVersion version, String hit,
            boolean renewWindow) {
    }

    private synchronized PhraseAnalyzer phraseAnalyzer() {
        if (phrases == null) {
            phrases = new PhraseAnalyzer();
        }
        return phrases;
    }

    private Request request(AnalysisOptions options) {
        Instant end = clock.instant();
        AnalysisWindow window = new AnalysisWindow(end.minus(Duration.ofDays(options.days())), end, options.days());
        DataVersion version = store.dataVersion();
        Optional<String> json = store.cached(options.cacheKey(), version);
        if (json.isPresent()) {
            AnalysisWindow was = cachedWindow(json.get());
            if (was != null && AnalysisWindow.stillAsItWas(was.end(), window.end(), Duration.ofDays(options.days()))) {
                return new Request(options, window, version, json.get(), false);
            }
            if (was != null && sameEntries(was, window)) {
                return new Request(options, window, version, json.get(), true);
            }
        }
        return new Request(options, window, version, null, false);
    }

    /** A fresh result, stored in the cache as the answer to the next same request (marked {@code from_cache}). */
    private PatternAnalysis computeAndCache(Request r) {
        PatternAnalysis result = compute(r.window, r.options);
        store.putCache(r.options.cacheKey(), r.version, AnalysisJson.write(result.cachedFor(result.window())));
        return result;
    }

    /**
     * The window of a cached result, read without building the result (it is the first field, so
     * parsing stops there); null when unreadable.
     */
    private static AnalysisWindow cachedWindow(String json) {
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("window")) {
                    Map<?, ?> w = (Map<?, ?>) Json.read(p);
                    return new AnalysisWindow(Instant.parse((String) w.get("start")),
                            Instant.parse((String) w.get("end")), ((Number) w.get("days")).doubleValue());
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * No entry left or entered the window since it was {@code was} (the data version is unchanged).
     * Both windows have the same length (the days are part of the cache key), so a window that moved
     * back in time is simply another one.
     */
    private boolean sameEntries(AnalysisWindow was, AnalysisWindow now) {
        if (now.end().isBefore(was.end())) {
            return false;
        }
        return store.noneBetween(was.start(), now.start()) && store.noneBetween(was.end(), now.end());
    }

    /**
     * Analyses exactly [{@code start}, {@code end}) (a calendar week or month, say), with {@code options}
     * but its number of days; not cached.
     *
     * @throws InsufficientDataException when the window holds fewer than {@code options.minSamples()} entries
     */
    public PatternAnalysis analyzeBetween(Instant start, Instant end, AnalysisOptions options) {
        return compute(new AnalysisWindow(start, end, Duration.between(start, end).toSeconds() / 86_400.0), options);
    }

    private PatternAnalysis compute(AnalysisWindow window, AnalysisOptions options) {
        AnalysisJson.warmUp(PatternAnalysis.class);
        WindowAggregate agg = WindowScan.aggregate(store, window.start(), window.end(),
                () -> new WindowAggregate(null, options.phraseSample(), SAMPLE_SEED, options.adjustFor(), true));
        typing.complete(agg);
        Tally overall = agg.overall();
        if (overall.count() < options.minSamples()) {
            throw new InsufficientDataException((int) overall.count(), options.minSamples());
        }
        int support = options.minSupport();
        GroupTables tables = GroupTables.of(agg, support);
        Comparisons comparisons = tables.comparisons();
        PhraseMining.Result mined = new PhraseMining(phraseAnalyzer()).mine(agg.sample(), store::texts, comparisons);
        List<Finding> findings = comparisons.findings(support);
        List<Recommendation> details = Recommender.recommend(findings, overall, support);
        return new PatternAnalysis((int) overall.count(), (int) overall.positive(), (int) overall.negative(),
                overall.successRate(), mined.positive(), mined.negative(), tables.tags(), tables.frameworks(),
                details.stream().map(Recommendation::text).toList(), window, overall.ci(), tables.models(),
                findings, details, tables.features(), support, Proportions.sampleSizeFor10Points(overall.successRate()),
                mined.sampled(), false, agg.taskTypes(support), options.adjustFor());
    }
}
