package dev.feedbackloop.reporting;

import dev.feedbackloop.analysis.Tally;
import dev.feedbackloop.analysis.TaskTyping;
import dev.feedbackloop.analysis.WindowAggregate;
import dev.feedbackloop.analysis.WindowScan;
import dev.feedbackloop.capture.PromptFeature;
import dev.feedbackloop.internal.DayCursor;
import dev.feedbackloop.internal.Parallel;
import dev.feedbackloop.storage.AnalysisRow;
import dev.feedbackloop.storage.DataVersion;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.Statistics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The counts of a report period, with every whole local day that has ended taken from a day
 * rollup kept in {@code pattern_cache} instead of being scanned again. A rollup holds the counts of
 * the day's entries up to a row id; it is brought up to date by reading the entries added since (by
 * id, cheap), and dropped when an entry of its day left the table (a replaced vote, a deletion:
 * {@link FeedbackStore#changedSpansAfter}). It is then kept as of the current row id, so the
 * next report reads only what arrived after this one. A partial day at a period's edge that has
 * ended and has a rollup is that rollup less the rest of the day, when the rest is the shorter
 * part: at most half a day is scanned per edge. Today (which has no rollup), days without a
 * rollup and the other edges are scanned. Every count covers the entries up to one row id, read
 * once per instance. Not thread-safe; cheap to create.
 */
final class DayRollups {
    static final String PREFIX = "report-day/v2/";
    /** Rollups carry their own row id, so the cache's version column is not used for them. */
    private static final DataVersion UNVERSIONED = new DataVersion(0);

    private final FeedbackStore store;
    private final ZoneId zone;
    private final TaskTyping typing;
    /** Rollups read so far (a report asks whether they are complete, then uses them). */
    private final Map<LocalDate, Optional<DayCounts>> loaded = new HashMap<>();
    private long version = -1;

    /** Entries without a task type are typed with the bundled routing rules. */
    DayRollups(FeedbackStore store, ZoneId zone) {
        this(store, zone, new TaskTyping(store, null));
    }

    /** @param typing types entries scanned without a task type before they are counted */
    DayRollups(FeedbackStore store, ZoneId zone, TaskTyping typing) {
        this.store = store;
        this.zone = zone;
        this.typing = typing;
    }

    /** Counts of [start, end) with daily points, as one scan would give them (prompt lengths aside). */
    WindowAggregate aggregate(Instant start, Instant end, Instant now) {
        LocalDate first = firstWholeDay(start);
        LocalDate stop = stopDay(end, now);
        if (!first.isBefore(stop)) {
            return typed(WindowScan.aggregate(store, start, end, this::fresh));
        }
        long version = version();
        LocalDate today = LocalDate.ofInstant(now, zone);
        // an edge day that has ended counts as its rollup less the rest of the day, when that is less to scan
        LocalDate from = start.isBefore(startOf(first)) && bySubtraction(first.minusDays(1), start, true, today, version)
                ? first.minusDays(1) : first;
        LocalDate to = startOf(stop).isBefore(end) && bySubtraction(stop, end, false, today, version) ? stop.plusDays(1) : stop;
        // the partial days: scanned, or the rest of the day scanned to be taken off its rollup; both at once
        WindowAggregate startPart = fresh();
        WindowAggregate endPart = fresh();
        Runnable startScan = () -> scan(from.isBefore(first) ? startOf(from) : start,
                from.isBefore(first) ? start : startOf(first), version, startPart);
        Runnable endScan = () -> scan(stop.isBefore(to) ? end : startOf(stop),
                stop.isBefore(to) ? startOf(to) : end, version, endPart);
        boolean startEdge = start.isBefore(startOf(first));
        boolean endEdge = startOf(stop).isBefore(end);
        if (startEdge && endEdge) {
            Parallel.run(startScan, endScan);
        } else if (startEdge || endEdge) {
            (startEdge ? startScan : endScan).run();
        }
        typed(startPart);
        typed(endPart);
        WindowAggregate result = fresh();
        if (!from.isBefore(first)) {
            result.merge(startPart);
        }
        if (!stop.isBefore(to)) {
            result.merge(endPart);
        }
        Map<LocalDate, DayCounts> kept = new TreeMap<>();
        Map<LocalDate, WindowAggregate> rebuilt = new TreeMap<>();
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            Optional<DayCounts> c = load(d);
            if (c.isPresent() && c.get().maxId() <= version) {
                kept.put(d, c.get());
            } else {
                rebuilt.put(d, fresh());
            }
        }
        scanMissing(rebuilt, version);
        rebuilt.values().forEach(this::typed);
        Map<LocalDate, WindowAggregate> added = addedSince(kept, startOf(from), startOf(to), version);
        added.values().forEach(this::typed);
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            DayCounts counts = upToDate(d, kept.get(d), rebuilt.get(d), added.get(d), version);
            if (d.isBefore(first)) {
                counts = counts.minus(startPart);
            } else if (!d.isBefore(stop)) {
                counts = counts.minus(endPart);
            }
            counts.toAggregate(d, result);
        }
        return result;
    }

    /**
     * Whether the part of {@code day} inside the period (after {@code cut} when {@code insideAfterCut},
     * else before it) is better counted as the day's rollup less the rest: the day has ended, its
     * rollup exists, and the rest is the shorter part.
     */
    private boolean bySubtraction(LocalDate day, Instant cut, boolean insideAfterCut, LocalDate today, long version) {
        Duration before = Duration.between(startOf(day), cut);
        Duration after = Duration.between(cut, startOf(day.plusDays(1)));
        Duration rest = insideAfterCut ? before : after;
        Duration inside = insideAfterCut ? after : before;
        return day.isBefore(today) && rest.compareTo(inside) < 0 && load(day).filter(c -> c.maxId() <= version).isPresent();
    }

    /**
     * The counts of {@code d} up to {@code version} (from its kept rollup plus what was added since,
     * or rebuilt), saved when they changed, so that the next report starts from here.
     */
    private DayCounts upToDate(LocalDate d, DayCounts kept, WindowAggregate rebuilt, WindowAggregate added,
            long version) {
        if (kept != null && kept.maxId() == version) {
            return kept;
        }
        DayCounts counts;
        if (rebuilt != null) {
            counts = DayCounts.of(rebuilt, version);
        } else if (added != null) {
            WindowAggregate day = kept.toAggregate(d, fresh());
            day.merge(added);
            counts = DayCounts.of(day, version);
        } else {
            counts = kept.at(version);
        }
        save(d, counts);
        return counts;
    }

    /** Counts the entries of [from, to) up to {@code version} into {@code into}. */
    private void scan(Instant from, Instant to, long version, WindowAggregate into) {
        store.scan(from, to, row -> {
            if (row.id() <= version) {
                into.accept(row);
            }
        });
    }

    /** Whether every whole, ended day of [start, end) already has a rollup (nothing would be counted twice over). */
    boolean complete(Instant start, Instant end, Instant now) {
        for (LocalDate d = firstWholeDay(start); d.isBefore(stopDay(end, now)); d = d.plusDays(1)) {
            if (load(d).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Overall counts of [start, end) without building anything: whole days from existing rollups
     * (brought up to date), everything else counted by the database ({@link FeedbackStore#statistics}).
     * For the period a report compares with.
     */
    Tally overall(Instant start, Instant end, Instant now) {
        long version = version();
        TreeMap<LocalDate, DayCounts> kept = new TreeMap<>();
        for (LocalDate d = firstWholeDay(start); d.isBefore(stopDay(end, now)); d = d.plusDays(1)) {
            LocalDate day = d;
            load(d).filter(c -> c.maxId() <= version).ifPresent(c -> kept.put(day, c));
        }
        Tally total = new Tally();
        Instant cursor = start;
        for (Map.Entry<LocalDate, DayCounts> e : kept.entrySet()) {
            Instant dayStart = startOf(e.getKey());
            if (cursor.isBefore(dayStart)) {
                total.add(counted(cursor, dayStart));
            }
            total.add(Tally.fromArray(e.getValue().overall()));
            cursor = startOf(e.getKey().plusDays(1));
        }
        if (cursor.isBefore(end)) {
            total.add(counted(cursor, end));
        }
        if (!kept.isEmpty()) {
            forEachAdded(kept, startOf(kept.firstKey()),
                    startOf(kept.lastKey().plusDays(1)), version,
                    (d, row) -> total.add(row.rating(), row.outcome()));
        }
        return total;
    }

    /**
     * Overall counts of [start, end): whole days from rollups, built where missing and kept up to date
     * as {@link #aggregate} does; the partial days at the edges counted by the database. For the
     * period a report compares with, once the report's own period has its rollups.
     */
    Tally totals(Instant start, Instant end, Instant now) {
        LocalDate first = firstWholeDay(start);
        LocalDate stop = stopDay(end, now);
        if (!first.isBefore(stop)) {
            return counted(start, end);
        }
        Tally total = aggregate(startOf(first), startOf(stop), now).overall();
        if (start.isBefore(startOf(first))) {
            total.add(counted(start, startOf(first)));
        }
        if (startOf(stop).isBefore(end)) {
            total.add(counted(startOf(stop), end));
        }
        return total;
    }

    private Tally counted(Instant from, Instant to) {
        Statistics st = store.statistics(from, to);
        long ratingSum = 0;
        for (Map.Entry<Integer, Long> e : st.ratingDistribution().entrySet()) {
            ratingSum += e.getKey() * e.getValue();
        }
        return Tally.fromArray(new long[] {st.total(), st.positive(), st.negative(), ratingSum});
    }

    /** The row id all counts of this instance go up to, read on first use (rollups made stale by changes dropped). */
    private long version() {
        if (version < 0) {
            DataVersion v = store.dataVersion();
            version = v.maxId();
            forgetChangedDays(v.changes());
        }
        return version;
    }

    /**
     * Drops the rollups of the days from which entries left the table (replaced votes, deletions)
     * since this zone's rollups last looked, so those days are counted again; the rollups of other
     * days stay valid. The change last looked at is kept beside the rollups.
     */
    private void forgetChangedDays(long changes) {
        if (changes == 0) {
            return;
        }
        String marker = PREFIX + zone.getId() + "/changes";
        long seen = store.cached(marker, UNVERSIONED).map(Long::parseLong).orElse(0L);
        if (changes <= seen) {
            return;
        }
        java.util.Set<LocalDate> days = new java.util.TreeSet<>();
        store.changedSpansAfter(seen, (first, last) -> {
            for (LocalDate d = LocalDate.ofInstant(first, zone); !d.isAfter(LocalDate.ofInstant(last, zone)); d = d.plusDays(1)) {
                days.add(d);
            }
        });
        for (LocalDate d : days) {
            store.dropCache(key(d));
            loaded.put(d, Optional.empty()); // also where the store keeps no cache (read-only): never read it again
        }
        store.putCache(marker, UNVERSIONED, Long.toString(changes));
    }

    private Instant startOf(LocalDate d) {
        return d.atStartOfDay(zone).toInstant();
    }

    /** The first local day that starts at or after {@code start}. */
    private LocalDate firstWholeDay(Instant start) {
        LocalDate first = LocalDate.ofInstant(start, zone);
        return startOf(first).isBefore(start) ? first.plusDays(1) : first;
    }

    /** The day after the last whole day that ended by both {@code end} and {@code now}. */
    private LocalDate stopDay(Instant end, Instant now) {
        return LocalDate.ofInstant(end.isBefore(now) ? end : now, zone);
    }

    /** Scanned rows without a task type wait in the aggregate until {@link #typed} (rollups keep task types). */
    private WindowAggregate fresh() {
        return new WindowAggregate(zone, 0, 0, List.of(), true);
    }

    private WindowAggregate typed(WindowAggregate scanned) {
        typing.complete(scanned);
        return scanned;
    }

    /** Scans each run of consecutive days without a rollup, counting entries up to {@code version}. */
    private void scanMissing(Map<LocalDate, WindowAggregate> days, long version) {
        LocalDate runStart = null;
        LocalDate previous = null;
        for (LocalDate d : days.keySet()) {
            if (runStart != null && !d.equals(previous.plusDays(1))) {
                scanRun(runStart, previous, days, version);
                runStart = null;
            }
            if (runStart == null) {
                runStart = d;
            }
            previous = d;
        }
        if (runStart != null) {
            scanRun(runStart, previous, days, version);
        }
    }

    /** Days {@code from..to} (inclusive), in two parallel halves when there are several. */
    private void scanRun(LocalDate from, LocalDate to, Map<LocalDate, WindowAggregate> days, long version) {
        long n = to.toEpochDay() - from.toEpochDay() + 1;
        if (n < 2) {
            scanDays(from, to, days, version);
            return;
        }
        LocalDate middle = from.plusDays(n / 2);
        Parallel.run(() -> scanDays(from, middle.minusDays(1), days, version), () -> scanDays(middle, to, days, version));
    }

    /** Each thread writes only the aggregates of its own days (created beforehand, so the map is only read). */
    private void scanDays(LocalDate from, LocalDate to, Map<LocalDate, WindowAggregate> days, long version) {
        DayCursor cursor = new DayCursor(zone);
        store.scan(startOf(from), startOf(to.plusDays(1)), row -> {
            if (row.id() <= version) {
                WindowAggregate a = days.get(cursor.day(row.timestamp()));
                if (a != null) {
                    a.accept(row);
                }
            }
        });
    }

    /** Entries added after each kept rollup was made, per day. */
    private Map<LocalDate, WindowAggregate> addedSince(Map<LocalDate, DayCounts> kept, Instant from, Instant to,
            long version) {
        Map<LocalDate, WindowAggregate> added = new HashMap<>();
        forEachAdded(kept, from, to, version, (d, row) -> added.computeIfAbsent(d, k -> fresh()).accept(row));
        return added;
    }

    /** Each entry of [from, to) added after its day's kept rollup was made (and up to {@code version}). */
    private void forEachAdded(Map<LocalDate, DayCounts> kept, Instant from, Instant to, long version,
            BiConsumer<LocalDate, AnalysisRow> action) {
        long oldest = kept.values().stream().mapToLong(DayCounts::maxId).min().orElse(version);
        if (oldest >= version) {
            return;
        }
        DayCursor cursor = new DayCursor(zone);
        store.scanAdded(from, to, oldest, version, row -> {
            LocalDate d = cursor.day(row.timestamp());
            DayCounts c = kept.get(d);
            if (c != null && row.id() > c.maxId() && row.id() <= version) {
                action.accept(d, row);
            }
        });
    }

    private Optional<DayCounts> load(LocalDate d) {
        return loaded.computeIfAbsent(d, this::read);
    }

    private Optional<DayCounts> read(LocalDate d) {
        Optional<String> json = store.cached(key(d), UNVERSIONED);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try {
            DayCounts c = DayCountsJson.read(json.get());
            if (c.features().length != PromptFeature.values().length) {
                return Optional.empty();
            }
            c.toAggregate(d, fresh());
            return Optional.of(c);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void save(LocalDate d, DayCounts counts) {
        store.putCache(key(d), UNVERSIONED, DayCountsJson.write(counts));
        loaded.put(d, Optional.of(counts));
    }

    private String key(LocalDate d) {
        return PREFIX + zone.getId() + "/" + d;
    }
}
