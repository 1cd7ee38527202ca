package dev.feedbackloop.routing;

import dev.feedbackloop.storage.DataVersion;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.OutcomeRow;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * In-memory outcome counts per (task type, framework) and UTC day, read from the store once and
 * then only for rows added since ({@link FeedbackStore#outcomesAfter}), so a decision costs two
 * index probes however much feedback is stored.
 *
 * <p>Names are matched case-insensitively (lowercased). A timestamp later than the moment the row
 * is read counts as that moment; one more than {@value #MAX_AGE_DAYS} days old counts as that old.
 * Assumes row ids become visible in increasing order (true of SQLite, where writes are serialised);
 * when rows leave the table (replaced votes, deletions) it counts everything again.
 *
 * <p>Thread-safe: every method holds the ledger's lock, including the store read in {@link #refresh}.
 */
public final class OutcomeLedger {
    static final int MAX_AGE_DAYS = 3650;
    private static final long SECONDS_PER_DAY = 86_400;

    private final FeedbackStore store;
    private final Clock clock;
    private final Map<String, Map<String, DailyCounts>> byType = new HashMap<>();
    private long lastId;
    private long lastChanges;
    private long rows;

    public OutcomeLedger(FeedbackStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Reads the attributed outcomes stored since the last refresh (all of them the first time). */
    public synchronized void refresh() {
        DataVersion data = store.dataVersion();
        if (data.changes() != lastChanges) {
            // rows left the table (replaced votes, deletions): count everything again
            byType.clear();
            rows = 0;
            lastId = 0;
            lastChanges = data.changes();
        }
        long version = data.maxId();
        if (version <= lastId) {
            return;
        }
        int today = today();
        store.outcomesAfter(lastId, version, row -> add(row, today));
        lastId = version;
    }

    /** Attributed outcomes read so far. */
    public synchronized long rows() {
        return rows;
    }

    /** The highest row id looked at so far. */
    public synchronized long lastId() {
        return lastId;
    }

    /**
     * Per framework that has feedback for the task type, its counts decayed with the given half-life
     * as of today; empty when the type has none. Sorted by framework name.
     */
    public synchronized Map<String, Tally> decayed(String taskType, double halfLifeDays) {
        Map<String, Tally> out = new TreeMap<>();
        int today = today();
        byType.getOrDefault(key(taskType), Map.of())
                .forEach((framework, counts) -> out.put(framework, counts.decayed(today, halfLifeDays)));
        return out;
    }

    /**
     * Unweighted counts of one framework (of every framework when null), all task types together,
     * over the last {@code days} UTC days, today included.
     */
    public synchronized Tally recent(String framework, int days) {
        int today = today();
        Tally sum = Tally.EMPTY;
        String fw = framework == null ? null : key(framework);
        for (Map<String, DailyCounts> frameworks : byType.values()) {
            for (Map.Entry<String, DailyCounts> e : frameworks.entrySet()) {
                if (fw == null || fw.equals(e.getKey())) {
                    sum = sum.plus(e.getValue().window(today - days + 1, today));
                }
            }
        }
        return sum;
    }

    /**
     * Per framework with outcomes of the task type in the UTC days [{@code from}, {@code to}], their
     * unweighted counts; sorted by framework name, empty when there are none. A row dated after it was
     * read counts on the day it was read (see the class comment).
     */
    public synchronized Map<String, Tally> window(String taskType, java.time.LocalDate from, java.time.LocalDate to) {
        Map<String, Tally> out = new TreeMap<>();
        byType.getOrDefault(key(taskType), Map.of()).forEach((framework, counts) -> {
            Tally t = counts.window((int) from.toEpochDay(), (int) to.toEpochDay());
            if (t.outcomes() > 0) {
                out.put(framework, t);
            }
        });
        return out;
    }

    private void add(OutcomeRow row, int today) {
        int day = (int) Math.floorDiv(row.timestamp().getEpochSecond(), SECONDS_PER_DAY);
        day = Math.max(Math.min(day, today), today - MAX_AGE_DAYS);
        byType.computeIfAbsent(key(row.taskType()), k -> new HashMap<>())
                .computeIfAbsent(key(row.framework()), k -> new DailyCounts())
                .add(day, row.positive());
        rows++;
    }

    private int today() {
        return (int) Math.floorDiv(clock.instant().getEpochSecond(), SECONDS_PER_DAY);
    }

    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
