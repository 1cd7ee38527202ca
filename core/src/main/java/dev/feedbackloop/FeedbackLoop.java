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
import dev.feedbackloop.lifecycle.Actors;
import dev.feedbackloop.lifecycle.AuditEvent;
import dev.feedbackloop.lifecycle.Deletion;
import dev.feedbackloop.lifecycle.DeletionFilter;
import dev.feedbackloop.lifecycle.Retention;
import dev.feedbackloop.suggestions.ClaudeSettings;
import dev.feedbackloop.suggestions.ClaudeSource;
import dev.feedbackloop.privacy.CaptureMasking;
import dev.feedbackloop.privacy.Masker;
import dev.feedbackloop.privacy.Masking;
import dev.feedbackloop.privacy.Redactor;
import dev.feedbackloop.suggestions.RuleBasedSource;
import dev.feedbackloop.suggestions.Suggester;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
    private final Lazy<CaptureMasking> masking;
    private final Lazy<dev.feedbackloop.alerts.Alerts> alerts;

    FeedbackLoop(FeedbackStore store, FeedbackLoopBuilder settings) {
        this.store = store;
        this.clock = settings.clock;
        this.analyzer = new Lazy<>(() -> new Analyzer(store, clock, settings.notes));
        this.reporter = new Lazy<>(() -> new Reporter(store, clock, settings.notes));
        this.tokens = new Lazy<>(() -> new FeedbackTokens(store, clock));
        Masking forced = settings.masking;
        this.masking = new Lazy<>(() -> {
            Masking mode = forced != null ? forced : store.setting(Masking.SETTING).map(Masking::parse).orElse(Masking.OFF);
            // off costs a capture nothing: the expressions are not even compiled
            return new CaptureMasking(mode, mode == Masking.OFF ? null : new Masker());
        });
        RoutingRules rules = settings.rules;
        this.router = new Lazy<>(() -> new PromptRouter(rules != null ? rules : RoutingRules.defaults(), store, clock));
        ClaudeSettings claude = settings.claude;
        Consumer<String> progress = settings.claudeProgress;
        this.suggester = new Lazy<>(() -> new Suggester(store, new ClaudeSource(claude != null ? claude
                : ClaudeSettings.fromEnvironment(System.getenv()), new Redactor(), clock, progress),
                new RuleBasedSource(), clock));
        dev.feedbackloop.alerts.AlertConfig alertConfig = settings.alerts;
        this.alerts = new Lazy<>(() -> new dev.feedbackloop.alerts.Alerts(store, clock, alertConfig, this::reporter,
                this::suggester, defaultReportsDir(store.location())));
    }

    /** {@code reports/} beside a SQLite file; under the working directory for a database on a server. */
    private static Path defaultReportsDir(String location) {
        if (dev.feedbackloop.storage.StoreLocations.isUrl(location)) {
            return Path.of("reports");
        }
        Path parent = Path.of(location).toAbsolutePath().getParent();
        return parent == null ? Path.of("reports") : parent.resolve("reports");
    }

    /** Suggestions from Claude when {@code claude} has an API key, else (and on any failure) from rules. */
    public FeedbackLoop(FeedbackStore store, Clock clock, ClaudeSettings claude) {
        this(store, new FeedbackLoopBuilder(store.location()).clock(clock).claude(claude));
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
    public static FeedbackLoopBuilder builder(String location) {
        return new FeedbackLoopBuilder(location);
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
     * Restores a backup ({@link FeedbackStore#backupTo}: a SQLite file, whichever database wrote it)
     * into the store at {@code location}: a SQLite file that does not exist yet or holds nothing, or a
     * server database that holds nothing ({@link dev.feedbackloop.storage.ServerRestores}); the backup
     * is checked before and the result after.
     *
     * @throws InvalidInputException when the target holds entries or the backup is not a database
     * @throws StorageException      when the backup is damaged (nothing is restored)
     */
    public static dev.feedbackloop.storage.sqlite.SqliteBackups.Restored restore(String location, Path backup) {
        if (StoreLocations.isUrl(location)) {
            return dev.feedbackloop.storage.ServerRestores.restore(backup, location);
        }
        return dev.feedbackloop.storage.sqlite.SqliteBackups.restore(backup, Path.of(location));
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
     * store many captures in one transaction (the server's group commit). Masked as the deployment
     * says ({@link #masked}). Reads the store when a known feedback_id comes without a timestamp.
     *
     * @throws InvalidInputException when the entry breaks a rule, or holds personal data under reject
     */
    public FeedbackEntry toCapture(FeedbackEntry.Builder entry) {
        FeedbackEntry e = masked(entry.build(clock));
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
        return delete(feedbackId, Actors.LIBRARY);
    }

    /**
     * {@link #delete(String)}, written to the audit trail as done by {@code actor} ({@link Actors}).
     *
     * @throws NotFoundException when no entry has this id
     */
    public FeedbackEntry delete(String feedbackId, String actor) {
        FeedbackEntry found = store.findById(feedbackId)
                .orElseThrow(() -> new NotFoundException("no feedback with id " + feedbackId));
        store.delete(DeletionFilter.byId(feedbackId), clock.instant(), actor, false);
        return found;
    }

    /**
     * Deletes every entry matching {@code filter} in one transaction (see {@link FeedbackStore#delete}):
     * gone from every count and cache as if never stored, saved reports that counted them dropped,
     * the deletion in the audit trail as done by {@code actor}. A dry run says what would go and
     * changes nothing (nor is it audited).
     */
    public Deletion delete(DeletionFilter filter, boolean dryRun, String actor) {
        return store.delete(filter, clock.instant(), actor, dryRun);
    }

    /** Deletes everything stored before now less {@code olderThan}: {@link #delete(DeletionFilter, boolean, String)}. */
    public Deletion purge(java.time.Duration olderThan, boolean dryRun, String actor) {
        return delete(DeletionFilter.olderThan(Retention.cutoff(clock.instant(), olderThan)), dryRun, actor);
    }

    /** Rewrites the database so deleted rows are gone from its files too ({@link FeedbackStore#vacuum}). */
    public void vacuum() {
        store.vacuum();
    }

    /** The audit trail since {@code since} (null: all), newest first, at most {@code limit} events. */
    public List<AuditEvent> audit(java.time.Instant since, int limit) {
        if (limit < 1) {
            throw new InvalidInputException("limit must be at least 1, got " + limit);
        }
        return store.auditTrail(since, limit);
    }

    /** The daily retention purge ({@link Retention}) of entries older than {@code keep}. */
    public Retention retention(java.time.Duration keep) {
        return new Retention(store, clock, keep);
    }

    /**
     * The entry with personal data and secrets masked as this deployment says ({@link Masking}: the
     * builder's setting, else the stored one, else off), the counts in its context.
     *
     * @throws InvalidInputException when masking is reject and the entry holds any
     */
    public FeedbackEntry masked(FeedbackEntry entry) {
        return masking.get().apply(entry);
    }

    /** The masking captures get ({@link #masked}). */
    public Masking masking() {
        return masking.get().mode();
    }

    /**
     * Stores the deployment's masking setting (read by every process that opens the store later and
     * does not say otherwise), audited as done by {@code actor}. This instance keeps the masking it had.
     */
    public void setMasking(Masking mode, String actor) {
        store.putSetting(Masking.SETTING, mode.label());
        store.audit(new AuditEvent(0, clock.instant(), actor, "setting.masking", Map.of("masking", mode.label()), 1));
    }

    /** {@code capture_feedback} attributed to a routing decision (its task type, framework, model...). */
    public FeedbackEntry captureFeedback(FeedbackEntry.Builder entry, RoutingDecision routing) {
        return captureFeedback(entry.routing(routing.toContext()));
    }

    /**
     * Stores many entries in one transaction: all of them or, on any error, none. Masked as
     * {@link #masked} says.
     *
     * @return how many were new (the others were already stored with the same content)
     */
    public int captureAll(List<FeedbackEntry> entries) {
        int inserted = 0;
        try (BatchWriter w = store.openBatch()) {
            for (FeedbackEntry e : entries) {
                if (w.add(masked(e)) == InsertResult.INSERTED) {
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

    /** {@link #keys()} whose creations and revocations are written to the audit trail as done by {@code actor}. */
    public ApiKeys keys(String actor) {
        return new ApiKeys(store, clock, actor);
    }

    /**
     * Alerts on drops in success rate, scheduled reviews and their delivery (docs/alerts.md).
     *
     * @throws dev.feedbackloop.InvalidInputException when a configured cron expression is not valid
     */
    public dev.feedbackloop.alerts.Alerts alerts() {
        return alerts.get();
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
