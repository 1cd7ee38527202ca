package dev.feedbackloop.storage;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.capture.RatedOutput;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where feedback lives. Implementations (SQLite, PostgreSQL) are thread-safe, keep the
 * specification's schema, and never leave a partial write: every method is one transaction.
 * All time bounds are half-open: {@code from} inclusive, {@code to} exclusive; null = unbounded.
 *
 * <p><b>No reader may skip a row.</b> {@link #dataVersion()} names a row id, {@link DataVersion#maxId()},
 * at or below which the table is final: no row with an id at or below it appears later (the
 * transactions that drew those ids have ended). Change numbers ({@link #changesAfter}) become visible in
 * increasing order. Incremental readers (the router's outcome ledger, day rollups, {@link #scanAdded},
 * the analysis cache) read the rows in (their position, {@code maxId}] of a version read first, then
 * move their position to that {@code maxId}; rows above it may be visible already, and are read next
 * time. It never falls while the changes stay the same. SQLite has it by construction (one writer at a
 * time: {@code maxId} is the highest id). A server database must arrange it: on PostgreSQL a
 * transaction that took id 10 can commit after the one that took id 11, so {@code maxId} stays below
 * the lowest id a transaction still open may hold (writers announce themselves before they draw ids;
 * see {@code PostgresFeedbackStore}).
 *
 * @throws dev.feedbackloop.StorageException from any method when the database fails
 */
public interface FeedbackStore extends AutoCloseable {

    /** Creates or upgrades the schema in place, keeping every row. Idempotent and cheap when current. */
    void migrate();

    /**
     * Stores one entry. Unlike a {@link BatchWriter}, it leaves the entry's task class (the
     * classifier's type of an entry without {@code context.task_type}) to the first analysis that
     * meets it: a one-shot capture does not load the classifier.
     *
     * @return {@link InsertResult#UNCHANGED} when the same id with the same content exists
     * @throws dev.feedbackloop.ConflictException when the id exists with different content
     */
    InsertResult insert(FeedbackEntry entry);

    /** Opens a write transaction for many entries (import, batch capture). */
    BatchWriter openBatch();

    /**
     * Opens a write transaction for a bulk load (a large import). Same contract as {@link #openBatch()},
     * except that a store may write faster by taking the database for itself while the transaction
     * lasts, when no one else has it open: others that open it meanwhile, readers too, then wait for
     * the transaction to end (within their busy timeout and retries). So the thread driving the batch
     * must not use the store otherwise until the batch is closed.
     */
    default BatchWriter openBulkBatch() {
        return openBatch();
    }

    /** Entries matching the query, newest first. */
    List<FeedbackEntry> find(FeedbackQuery query);

    /** Streams matching entries oldest first without holding them all (export). */
    void forEach(FeedbackQuery query, Consumer<FeedbackEntry> action);

    Optional<FeedbackEntry> findById(String feedbackId);

    /**
     * Deletes one entry (gone from the table, logged as a change with its timestamp only: no content
     * is kept). One transaction.
     *
     * @return the deleted entry, or empty when no entry has this id
     */
    Optional<FeedbackEntry> delete(String feedbackId);

    /**
     * The timestamps of the entries that left the feedback table (replaced votes, deletions) after
     * change {@code afterSeq}, oldest change first; see {@link DataVersion#changes()}. A change that
     * covers many entries (a deletion by filter) gives its first and last time only: readers that
     * recount days use {@link #changedSpansAfter}.
     */
    default void changesAfter(long afterSeq, Consumer<Instant> entryTimestamp) {
        changedSpansAfter(afterSeq, (first, last) -> {
            entryTimestamp.accept(first);
            if (!last.equals(first)) {
                entryTimestamp.accept(last);
            }
        });
    }

    /**
     * The changes after {@code afterSeq}, oldest first, each as the span of entry times it covers:
     * every entry that left the table in that change has a time in [first, last] (one entry: first =
     * last). A store may log a deletion of many entries as one span per UTC day, so a reader that
     * recounts the days of each span recounts every day that lost an entry (and no other day).
     */
    void changedSpansAfter(long afterSeq, java.util.function.BiConsumer<Instant, Instant> span);

    /**
     * Deletes every entry matching {@code filter} in one transaction, with what follows from it: the
     * matching replaced votes in history, kept outputs older than an age-only filter's cut-off, saved
     * reports that counted a deleted entry (or compared with one), a change log of the days that lost
     * entries (so day rollups, the analysis cache and the router's tallies recount them), and, unless
     * {@code dryRun}, an {@code audit} event of {@code actor} at {@code at} in the same transaction.
     * A dry run counts the same and changes nothing.
     */
    dev.feedbackloop.lifecycle.Deletion delete(dev.feedbackloop.lifecycle.DeletionFilter filter, Instant at,
            String actor, boolean dryRun);

    /**
     * Rewrites the database so deleted rows are gone from its files, not only unreachable (SQLite:
     * {@code VACUUM}, then a checkpoint that empties the write-ahead log; PostgreSQL: {@code VACUUM FULL}
     * of the tables that hold what people typed). Slow on large databases; others wait for it.
     */
    void vacuum();

    /** Appends an event to the audit trail. */
    void audit(dev.feedbackloop.lifecycle.AuditEvent event);

    /** Audit events at or after {@code since} (null: from the start), newest first, at most {@code limit}. */
    List<dev.feedbackloop.lifecycle.AuditEvent> auditTrail(Instant since, int limit);

    /** The earlier votes replaced by later ones of the same rater on the same output, oldest first. */
    List<FeedbackEntry> replacedVotes(String outputId, String raterId);

    /**
     * Keeps an output for votes with feedback tokens. Keeping the same output again is a no-op.
     *
     * @throws dev.feedbackloop.ConflictException when its output_id is kept with other content
     */
    void keepOutput(RatedOutput output);

    /** A kept output; empty when none has this id. */
    Optional<RatedOutput> output(String outputId);

    /**
     * Writes a copy of the whole database to {@code file}, consistent to one moment, while others go
     * on reading and writing: what was committed before the copy began is in it, what commits later
     * is not. The file appears complete or not at all.
     *
     * @return the entries in the copy
     * @throws dev.feedbackloop.InvalidInputException when {@code file} exists (it is never overwritten)
     */
    long backupTo(Path file);

    /** Checks the database: integrity, schema version, rows per table, orphaned votes. */
    StoreCheck verify();

    /** A stored setting (server secrets and the like); empty when never set. */
    Optional<String> setting(String name);

    /**
     * Stores {@code value} under {@code name} unless a value is there already, and returns the value
     * that is stored (so concurrent first uses agree on one).
     */
    String settingIfAbsent(String name, String value);

    /** Stores {@code value} under {@code name}, replacing what was there (a deployment's settings). */
    void putSetting(String name, String value);

    long count();

    Statistics statistics(Instant from, Instant to);

    /**
     * No entry in [from, to) (true when the range is empty): what a cache of results over a sliding
     * window asks of the entries its window slid over.
     */
    default boolean noneBetween(Instant from, Instant to) {
        return !from.isBefore(to) || statistics(from, to).total() == 0;
    }

    /** Streams the narrow analysis view of every entry in [from, to), oldest first. */
    void scan(Instant from, Instant to, Consumer<AnalysisRow> action);

    /**
     * Streams the rows of [from, to) with a row id in ({@code afterId}, {@code upToId}], in id order:
     * the entries added between two {@link #dataVersion()}s ({@code upToId} the later one's
     * {@link DataVersion#maxId()}). Implementations read them by id, so the cost follows the number of
     * new entries, not the window.
     */
    default void scanAdded(Instant from, Instant to, long afterId, long upToId, Consumer<AnalysisRow> action) {
        scan(from, to, row -> {
            if (row.id() > afterId && row.id() <= upToId) {
                action.accept(row);
            }
        });
    }

    /**
     * Keeps the task types the router's classifier gave entries without a {@code context.task_type}
     * (row id -> type), so that later analyses read them with the window instead of classifying again.
     * Ids that no longer exist are skipped. A store that cannot keep them (a read-only database)
     * does nothing: the next analysis classifies those entries again.
     */
    void saveTaskClasses(java.util.Map<Long, String> classes);

    /** Texts of the given row ids (ids that do not exist are skipped). */
    List<EntryText> texts(Collection<Long> ids);

    /**
     * Attributed outcomes (task type and framework both known) with a row id in ({@code afterId},
     * {@code upToId}], in id order ({@code upToId}: a {@link DataVersion#maxId()}, see the class comment).
     */
    void outcomesAfter(long afterId, long upToId, Consumer<OutcomeRow> action);

    DataVersion dataVersion();

    /**
     * A result (analysis, suggestions) cached in {@code pattern_cache} under {@code key} for exactly
     * this data version; empty when absent or computed from other data.
     */
    Optional<String> cached(String key, DataVersion version);

    /** Replaces whatever was cached under {@code key}. */
    void putCache(String key, DataVersion version, String json);

    /** Forgets what was cached under {@code key}, if anything. */
    void dropCache(String key);

    /** Keeps a generated report (the {@code reports} table). */
    void saveReport(String period, Instant start, Instant end, String json);

    /** The report saved last under {@code period} (its label: {@code 2026-W48}, {@code 2026-11}); empty when none. */
    Optional<String> savedReport(String period);

    /**
     * Stores an API key record (its hash, never the key).
     *
     * @throws dev.feedbackloop.ConflictException when a key with that name exists (revoked ones too)
     */
    void addKey(dev.feedbackloop.access.ApiKey key);

    /** Every API key, active and revoked, oldest first. */
    List<dev.feedbackloop.access.ApiKey> keys();

    /** Marks the active key {@code name} revoked at {@code at}; false when there is none. */
    boolean revokeKey(String name, Instant at);

    /**
     * Alerts, their outbox, destinations and scheduled reviews in this database.
     *
     * @throws UnsupportedOperationException from stores that do not keep them yet
     */
    default AlertStore alertStore() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not keep alerts yet");
    }

    /**
     * Stores a dashboard sign-in (the SHA-256 of its id, never the id) and removes every sign-in
     * expired at {@code s.created()}.
     */
    void addSession(dev.feedbackloop.access.SignIn s);

    /** The sign-in whose id hashes to {@code idHash}, expired or not; empty when there is none. */
    Optional<dev.feedbackloop.access.SignIn> session(String idHash);

    /** Records a use of the sign-in {@code idHash} and its new expiry; nothing when it is gone. */
    void touchSession(String idHash, Instant lastUsed, Instant expires);

    /** Removes the sign-in {@code idHash}, if there is one. */
    void endSession(String idHash);

    /** Removes every sign-in of the key named {@code keyName}. */
    void endSessionsOf(String keyName);

    /** Where the data lives, for messages ("data/feedback.db", a JDBC URL without password). */
    String location();

    /**
     * True when {@code file} is one of the files that hold this store's data (for SQLite: the
     * database and its {@code -wal}, {@code -shm} and {@code -journal} files, however named: through a
     * symbolic link, a hard link or a relative path). A store on a server holds no local file.
     */
    default boolean holds(Path file) {
        return false;
    }

    /**
     * Guards every command and library call that writes a file (exports, reports, generated data).
     *
     * @param what how the user named the file, for the message ("--output")
     * @throws dev.feedbackloop.InvalidInputException when writing {@code file} would overwrite this
     *         store's data; nothing was written
     */
    default void refuseToOverwrite(Path file, String what) {
        if (holds(file)) {
            throw overwriteRefused(file, what, location());
        }
    }

    /** The error of {@link #refuseToOverwrite}, also for a check made before the store is opened. */
    static dev.feedbackloop.InvalidInputException overwriteRefused(Path file, String what, String location) {
        return new dev.feedbackloop.InvalidInputException(what + " " + file + " is the database " + location
                + " (or one of its files): writing it would destroy the stored feedback. Choose another file.");
    }

    @Override
    void close();
}
