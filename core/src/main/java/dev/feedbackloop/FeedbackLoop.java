package dev.feedbackloop;

import dev.feedbackloop.access.ApiKeys;
import dev.feedbackloop.access.FeedbackTokens;
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
import dev.feedbackloop.storage.StoreLocations;
import dev.feedbackloop.storage.InsertResult;
import dev.feedbackloop.internal.Lazy;
import dev.feedbackloop.suggestions.ClaudeSettings;
import dev.feedbackloop.suggestions.ClaudeSource;
import dev.feedbackloop.suggestions.Redactor;
import dev.feedbackloop.suggestions.RuleBasedSource;
import dev.feedbackloop.suggestions.Suggester;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

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
    // features are made on first use: a capture needs none of them, and its start-up time counts
    private final Lazy<Analyzer> analyzer;
    private final Lazy<Reporter> reporter;
    private final Lazy<PromptRouter> router;
    private final Lazy<Suggester> suggester;
    private final Lazy<FeedbackTokens> tokens;

    private FeedbackLoop(FeedbackStore store, Builder settings) {
        this.store = store;
        this.clock = settings.clock;
        this.analyzer = new Lazy<>(() -> new Analyzer(store, clock));
        this.reporter = new Lazy<>(() -> new Reporter(store, clock));
        this.tokens = new Lazy<>(() -> new FeedbackTokens(store, clock));
        RoutingRules rules = settings.rules;
        this.router = new Lazy<>(() -> new PromptRouter(rules != null ? rules : RoutingRules.defaults(), store, clock));
        ClaudeSettings claude = settings.claude;
        Consumer<String> progress = settings.claudeProgress;
        this.suggester = new Lazy<>(() -> new Suggester(store, new ClaudeSource(claude != null ? claude
                : ClaudeSettings.fromEnvironment(System.getenv()), new Redactor(), clock, progress),
                new RuleBasedSource(), clock));
    }

    /** Suggestions from Claude when {@code claude} has an API key, else (and on any failure) from rules. */
    public FeedbackLoop(FeedbackStore store, Clock clock, ClaudeSettings claude) {
        this(store, new Builder(store.location()).clock(clock).claude(claude));
    }

    /** Claude configured from the environment ({@code ANTHROPIC_API_KEY}, {@code ANTHROPIC_BASE_URL}). */
    public FeedbackLoop(FeedbackStore store, Clock clock) {
        this(store, clock, ClaudeSettings.fromEnvironment(System.getenv()));
    }

    /**
     * The one way to wire the product: the command line, the server and embedding applications all
     * open their {@code FeedbackLoop} here, with the store chosen by its location.
     *
     * @param location a SQLite file path, or a PostgreSQL URL ({@code postgresql://user@host:5432/db},
     *                 {@code jdbc:postgresql://...}) when the store-postgres module is on the class path
     *                 ({@link dev.feedbackloop.storage.StoreLocations})
     */
    public static Builder builder(String location) {
        return new Builder(location);
    }

    /** Opens (creating or upgrading) the store at {@code location}, with the system clock in the local zone. */
    public static FeedbackLoop open(String location) {
        return builder(location).open();
    }

    /** Opens (creating or upgrading) a SQLite database. */
    public static FeedbackLoop open(Path sqliteFile) {
        return open(sqliteFile.toString());
    }

    /** Opens {@code $FEEDBACK_DB}, or {@link #DEFAULT_DATABASE} under the working directory ({@link DefaultDatabase}). */
    public static FeedbackLoop openDefault() {
        return open(DefaultDatabase.location());
    }

    /** How a {@link FeedbackLoop} is put together; every setting has a default. Not thread-safe. */
    public static final class Builder {
        private final String location;
        private Clock clock = Clock.systemDefaultZone();
        private ClaudeSettings claude;
        private Consumer<String> claudeProgress = line -> { };
        private RoutingRules rules;

        private Builder(String location) {
            this.location = Objects.requireNonNull(location, "location");
        }

        /** The one clock every feature reads (default: the system clock in the local zone). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Claude for suggestions (default: from {@code ANTHROPIC_API_KEY} and {@code ANTHROPIC_BASE_URL}). */
        public Builder claude(ClaudeSettings claude) {
            this.claude = claude;
            return this;
        }

        /** Told each attempt and retry of a Claude call, for people watching (default: nobody). */
        public Builder claudeProgress(Consumer<String> progress) {
            this.claudeProgress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** The router's rules (default: the bundled ones). */
        public Builder routingRules(RoutingRules rules) {
            this.rules = rules;
            return this;
        }

        /**
         * Opens the store (creating or upgrading it) and wires the features over it.
         *
         * @throws InvalidInputException for a location no store can serve
         * @throws StorageException      when the store cannot be opened
         */
        public FeedbackLoop open() {
            return new FeedbackLoop(openStore(location), this);
        }
    }

    /**
     * Refuses a file that is one of the files holding the store at {@code location}, open or not
     * ({@link FeedbackStore#refuseToOverwrite}): for commands that write a file without opening it.
     *
     * @throws InvalidInputException when writing {@code file} would overwrite the store's data
     */
    public static void refuseToOverwrite(String location, Path file, String what) {
        if (file != null && StoreLocations.holds(location, file)) {
            throw FeedbackStore.overwriteRefused(file, what, location);
        }
    }


    /**
     * Restores a backup ({@link FeedbackStore#backupTo}) into the store at {@code location}, which must
     * not exist yet or hold no entries; the backup is checked before and the result after.
     *
     * @throws InvalidInputException when the target holds entries or the backup is not a database
     * @throws StorageException      when the backup is damaged (nothing is restored)
     */
    public static dev.feedbackloop.storage.sqlite.SqliteBackups.Restored restore(String location, Path backup) {
        if (StoreLocations.isUrl(location)) {
            throw new InvalidInputException("restore writes a SQLite file; to move a SQLite database to a server"
                    + " database use: feedback migrate --from FILE --to URL");
        }
        return dev.feedbackloop.storage.sqlite.SqliteBackups.restore(backup, Path.of(location));
    }

    /** The store for a location: a URL served by a store on the class path, or else a SQLite file. */
    static FeedbackStore openStore(String location) {
        return StoreLocations.open(location);
    }

    /**
     * {@code feedback migrate}: copies everything in the SQLite database {@code sqliteFile} (feedback,
     * vote history, changes, kept outputs, settings, the analysis cache, reports, API keys) into the
     * server database at {@code target}, with row ids kept, in one transaction. Running it again adds
     * nothing.
     *
     * @throws InvalidInputException when the file is missing, the target is not a server database, or
     *         it holds other data under the same ids
     * @throws StorageException      when either database fails (nothing is copied)
     */
    public static dev.feedbackloop.storage.StoreCopy migrate(Path sqliteFile, String target) {
        return StoreLocations.copyFromSqlite(sqliteFile, target);
    }

    /** The specification's {@code FeedbackDatabase}: insert, get_feedback, get_statistics and more. */
    public FeedbackStore database() {
        return store;
    }

    /** What a capture did: the entry as stored, and whether it was new. */
    public record Capture(FeedbackEntry entry, InsertResult result) {
    }

    /**
     * Stores one entry. A retry of a known {@code feedback_id} that gives no timestamp keeps the
     * stored time, so an identical retry is the no-op it should be rather than a conflict on "now".
     *
     * @throws InvalidInputException when the entry breaks a rule (nothing is stored)
     * @throws ConflictException     when its feedback_id exists with different content
     */
    public Capture capture(FeedbackEntry.Builder entry) {
        FeedbackEntry e = toCapture(entry);
        return new Capture(e, store.insert(e));
    }

    /**
     * The entry {@link #capture} would store for {@code entry}, without storing it: for writers that
     * store many captures in one transaction (the server's group commit). Reads the store when a
     * known feedback_id comes without a timestamp.
     *
     * @throws InvalidInputException when the entry breaks a rule
     */
    public FeedbackEntry toCapture(FeedbackEntry.Builder entry) {
        FeedbackEntry e = entry.build(clock);
        if (entry.hasFeedbackId() && !entry.hasTimestamp()) {
            FeedbackEntry stored = store.findById(e.feedbackId()).orElse(null);
            if (stored != null) {
                e = e.withTimestamp(stored.timestamp());
            }
        }
        return e;
    }

    /**
     * {@code capture_feedback}: validates, stores and returns the entry ({@link #capture}).
     *
     * @throws InvalidInputException when the entry breaks a rule (nothing is stored)
     * @throws ConflictException     when its feedback_id exists with different content
     */
    public FeedbackEntry captureFeedback(FeedbackEntry.Builder entry) {
        return capture(entry).entry();
    }

    /**
     * Deletes one entry: gone from the table, from every count and from the caches built on it (day
     * rollups, the analysis cache, the router's tallies), as if it had never been stored.
     *
     * @return the deleted entry
     * @throws NotFoundException when no entry has this id
     */
    public FeedbackEntry delete(String feedbackId) {
        return store.delete(feedbackId).orElseThrow(() -> new NotFoundException("no feedback with id " + feedbackId));
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
        return analyzer().analyze(days, minSamples);
    }

    /** {@code generate_report(period, output_file)}: "weekly" or "monthly"; the file is optional (null). */
    public ImprovementReport generateReport(String period, Path outputFile) {
        return reporter().generate(period, outputFile);
    }

    /**
     * {@code suggest_improvements(framework, days, limit)}: maps of technique, reasoning, example and
     * the finding addressed. Never fails because Claude did (the rules answer then).
     *
     * @param framework null for all frameworks
     * @throws InsufficientDataException when the window holds too few entries to analyse
     */
    public List<Map<String, String>> suggestImprovements(String framework, int days, int limit) {
        return suggester().suggestImprovements(framework, days, limit);
    }

    /** {@code route_prompt(task)}: learns from stored feedback once there is some for the task's type. */
    public RoutingDecision routePrompt(String task) {
        return router().route(task);
    }

    /** {@code build_enhanced_prompt(task, routing)}. */
    public String buildEnhancedPrompt(String task, RoutingDecision routing) {
        return router().enhance(task, routing);
    }

    public Analyzer analyzer() {
        return analyzer.get();
    }

    public Reporter reporter() {
        return reporter.get();
    }

    /** The dashboard's overviews of a period (totals, change, series, group tables, findings). */
    public dev.feedbackloop.reporting.Overviews overviews() {
        return new dev.feedbackloop.reporting.Overviews(store, clock);
    }

    public Suggester suggester() {
        return suggester.get();
    }

    public PromptRouter router() {
        return router.get();
    }

    /** API keys of the HTTP service: create, list, revoke, match. */
    public ApiKeys keys() {
        return new ApiKeys(store, clock);
    }

    /** Dashboard sign-ins, kept in the store: open, find, close. */
    public dev.feedbackloop.access.SignIns signIns() {
        return new dev.feedbackloop.access.SignIns(store, clock);
    }

    /** Feedback tokens: votes from browsers on outputs the server keeps. */
    public FeedbackTokens tokens() {
        return tokens.get();
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        store.close();
    }
}
