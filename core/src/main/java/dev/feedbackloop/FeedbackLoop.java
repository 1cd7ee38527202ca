package dev.feedbackloop;

import dev.feedbackloop.analysis.Analyzer;
import dev.feedbackloop.analysis.PatternAnalysis;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.reporting.ImprovementReport;
import dev.feedbackloop.reporting.Reporter;
import dev.feedbackloop.routing.PromptRouter;
import dev.feedbackloop.routing.RoutingDecision;
import dev.feedbackloop.routing.RoutingRules;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.InsertResult;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import dev.feedbackloop.suggestions.ClaudeSettings;
import dev.feedbackloop.suggestions.Suggester;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The library's front door and its composition root: one store and the features over it, under
 * the specification's names ({@code capture_feedback}, {@code analyze_patterns},
 * {@code generate_report}, {@code suggest_improvements}, {@code route_prompt},
 * {@code build_enhanced_prompt}). Thread-safe. Closing it closes the store.
 *
 * <pre>{@code
 * try (FeedbackLoop loop = FeedbackLoop.open(Path.of("data/feedback.db"))) {
 *     loop.captureFeedback(FeedbackEntry.builder(prompt, output, 5).thumbsUp(true).tags("explanation"));
 *     PatternAnalysis analysis = loop.analyzePatterns(7, 5);
 * }
 * }</pre>
 */
public final class FeedbackLoop implements AutoCloseable {
    /** The database the command line uses when neither --db nor FEEDBACK_DB says otherwise. */
    public static final Path DEFAULT_DATABASE = DefaultDatabase.PATH;

    private final FeedbackStore store;
    private final Clock clock;
    private final Analyzer analyzer;
    private final Reporter reporter;
    private final PromptRouter router;
    private final Suggester suggester;

    /** Suggestions from Claude when {@code claude} has an API key, else (and on any failure) from rules. */
    public FeedbackLoop(FeedbackStore store, Clock clock, ClaudeSettings claude) {
        this.store = store;
        this.clock = clock;
        this.analyzer = new Analyzer(store, clock);
        this.reporter = new Reporter(store, clock);
        this.router = new PromptRouter(RoutingRules.defaults(), store, clock);
        this.suggester = Suggester.of(store, claude, clock);
    }

    /** Claude configured from the environment ({@code ANTHROPIC_API_KEY}, {@code ANTHROPIC_BASE_URL}). */
    public FeedbackLoop(FeedbackStore store, Clock clock) {
        this(store, clock, ClaudeSettings.fromEnvironment(System.getenv()));
    }

    /** Opens (creating or upgrading) a SQLite database. */
    public static FeedbackLoop open(Path sqliteFile) {
        return new FeedbackLoop(SqliteFeedbackStore.open(sqliteFile), Clock.systemDefaultZone());
    }

    /** Opens {@code $FEEDBACK_DB}, or {@link #DEFAULT_DATABASE} under the working directory ({@link DefaultDatabase}). */
    public static FeedbackLoop openDefault() {
        return open(DefaultDatabase.resolve());
    }

    /** The specification's {@code FeedbackDatabase}: insert, get_feedback, get_statistics and more. */
    public FeedbackStore database() {
        return store;
    }

    /**
     * {@code capture_feedback}: validates, stores and returns the entry.
     *
     * @throws InvalidInputException when the entry breaks a rule (nothing is stored)
     * @throws ConflictException     when its feedback_id exists with different content
     */
    public FeedbackEntry captureFeedback(FeedbackEntry.Builder entry) {
        FeedbackEntry e = entry.build();
        store.insert(e);
        return e;
    }

    /** {@code capture_feedback} attributed to a routing decision (its task type, framework, model...). */
    public FeedbackEntry captureFeedback(FeedbackEntry.Builder entry, RoutingDecision routing) {
        return captureFeedback(entry.routing(routing.toContext()));
    }

    /**
     * Stores many entries in one transaction: all of them or, on any error, none.
     *
     * @return how many were new (the others were already stored with the same content)
     */
    public int captureAll(List<FeedbackEntry> entries) {
        int inserted = 0;
        try (BatchWriter w = store.openBatch()) {
            for (FeedbackEntry e : entries) {
                if (w.add(e) == InsertResult.INSERTED) {
                    inserted++;
                }
            }
            w.commit();
        }
        return inserted;
    }

    /**
     * {@code analyze_patterns(days, min_samples)}.
     *
     * @throws InsufficientDataException when the window holds fewer than {@code minSamples} entries
     */
    public PatternAnalysis analyzePatterns(int days, int minSamples) {
        return analyzer.analyze(days, minSamples);
    }

    /** {@code generate_report(period, output_file)}: "weekly" or "monthly"; the file is optional (null). */
    public ImprovementReport generateReport(String period, Path outputFile) {
        return reporter.generate(period, outputFile);
    }

    /**
     * {@code suggest_improvements(framework, days, limit)}: maps of technique, reasoning, example and
     * the finding addressed. Never fails because Claude did (the rules answer then).
     *
     * @param framework null for all frameworks
     * @throws InsufficientDataException when the window holds too few entries to analyse
     */
    public List<Map<String, String>> suggestImprovements(String framework, int days, int limit) {
        return suggester.suggestImprovements(framework, days, limit);
    }

    /** {@code route_prompt(task)}: learns from stored feedback once there is some for the task's type. */
    public RoutingDecision routePrompt(String task) {
        return router.route(task);
    }

    /** {@code build_enhanced_prompt(task, routing)}. */
    public String buildEnhancedPrompt(String task, RoutingDecision routing) {
        return router.enhance(task, routing);
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    public Reporter reporter() {
        return reporter;
    }

    public Suggester suggester() {
        return suggester;
    }

    public PromptRouter router() {
        return router;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        store.close();
    }
}
