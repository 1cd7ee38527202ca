package dev.feedbackloop.reporting;

import dev.feedbackloop.FeedbackLoopException;
import dev.feedbackloop.analysis.AnalysisJson;
import dev.feedbackloop.analysis.Tally;
import dev.feedbackloop.analysis.WindowAggregate;
import dev.feedbackloop.analysis.WindowScan;
import dev.feedbackloop.capture.PromptFeature;
import dev.feedbackloop.internal.DayCursor;
import dev.feedbackloop.internal.Parallel;
import dev.feedbackloop.storage.AnalysisRow;
import dev.feedbackloop.storage.DataVersion;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.Statistics;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The counts of a report period, with every whole local day that has ended taken from a day
 * rollup kept in {@code pattern_cache} instead of being scanned again. A rollup holds the counts of
 * the day's entries up to a row id; entries are only ever added, so it is brought up to date by
 * reading the entries added since (by id, cheap). Parts of days at the period's edges, and days
 * without a rollup, are scanned. Not thread-safe; cheap to create.
 */
final class DayRollups {
    static final String PREFIX = "report-day/v1/";
    /** Rollups carry their own row id, so the cache's version column is not used for them. */
    private static final DataVersion UNVERSIONED = new DataVersion(0);

    private final FeedbackStore store;
    private final ZoneId zone;
    /** Rollups read so far (a report asks whether they are complete, then uses them). */
    private final Map<LocalDate, Optional<DayCounts>> loaded = new HashMap<>();

    DayRollups(FeedbackStore store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
    }

    /** Counts of [start, end) with daily points, as one scan would give them (prompt lengths aside). */
    WindowAggregate aggregate(Instant start, Instant end, Instant now) {
        LocalDate first = firstWholeDay(start);
        LocalDate stop = stopDay(end, now);
        if (!first.isBefore(stop)) {
            return WindowScan.aggregate(store, start, end, this::fresh);
        }
        Instant fullStart = first.atStartOfDay(zone).toInstant();
        Instant fullEnd = stop.atStartOfDay(zone).toInstant();
        WindowAggregate result = fresh();
        if (start.isBefore(fullStart)) {
            store.scan(start, fullStart, result);
        }
        if (fullEnd.isBefore(end)) {
            store.scan(fullEnd, end, result);
        }
        long version = store.dataVersion().maxId();
        Map<LocalDate, DayCounts> kept = new TreeMap<>();
        Map<LocalDate, WindowAggregate> rebuilt = new TreeMap<>();
        for (LocalDate d = first; d.isBefore(stop); d = d.plusDays(1)) {
            Optional<DayCounts> c = load(d);
            if (c.isPresent() && c.get().maxId() <= version) {
                kept.put(d, c.get());
            } else {
                rebuilt.put(d, fresh());
            }
        }
        scanMissing(rebuilt, version);
        Map<LocalDate, WindowAggregate> added = addedSince(kept, fullStart, fullEnd, version);
        for (LocalDate d = first; d.isBefore(stop); d = d.plusDays(1)) {
            if (!rebuilt.containsKey(d) && !added.containsKey(d)) {
                kept.get(d).toAggregate(d, result);
                continue;
            }
            WindowAggregate day = rebuilt.containsKey(d) ? rebuilt.get(d) : kept.get(d).toAggregate(d, fresh());
            if (added.containsKey(d)) {
                day.merge(added.get(d));
            }
            add(result, d, day);
            save(d, day, version);
        }
        return result;
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
        long version = store.dataVersion().maxId();
        TreeMap<LocalDate, DayCounts> kept = new TreeMap<>();
        for (LocalDate d = firstWholeDay(start); d.isBefore(stopDay(end, now)); d = d.plusDays(1)) {
            LocalDate day = d;
            load(d).filter(c -> c.maxId() <= version).ifPresent(c -> kept.put(day, c));
        }
        Tally total = new Tally();
        Instant cursor = start;
        for (Map.Entry<LocalDate, DayCounts> e : kept.entrySet()) {
            Instant dayStart = e.getKey().atStartOfDay(zone).toInstant();
            if (cursor.isBefore(dayStart)) {
                total.add(counted(cursor, dayStart));
            }
            total.add(Tally.fromArray(e.getValue().overall()));
            cursor = e.getKey().plusDays(1).atStartOfDay(zone).toInstant();
        }
        if (cursor.isBefore(end)) {
            total.add(counted(cursor, end));
        }
        if (!kept.isEmpty()) {
            forEachAdded(kept, kept.firstKey().atStartOfDay(zone).toInstant(),
                    kept.lastKey().plusDays(1).atStartOfDay(zone).toInstant(), version,
                    (d, row) -> total.add(row.rating(), row.outcome()));
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

    /** The first local day that starts at or after {@code start}. */
    private LocalDate firstWholeDay(Instant start) {
        LocalDate first = LocalDate.ofInstant(start, zone);
        return first.atStartOfDay(zone).toInstant().isBefore(start) ? first.plusDays(1) : first;
    }

    /** The day after the last whole day that ended by both {@code end} and {@code now}. */
    private LocalDate stopDay(Instant end, Instant now) {
        return LocalDate.ofInstant(end.isBefore(now) ? end : now, zone);
    }

    private WindowAggregate fresh() {
        return new WindowAggregate(zone, 0, 0);
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
        store.scan(from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant(), row -> {
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
        store.scanAdded(from, to, oldest, row -> {
            LocalDate d = cursor.day(row.timestamp());
            DayCounts c = kept.get(d);
            if (c != null && row.id() > c.maxId() && row.id() <= version) {
                action.accept(d, row);
            }
        });
    }

    private static void add(WindowAggregate into, LocalDate d, WindowAggregate day) {
        into.addDay(d, day.overall(), day.frameworks(), day.models(), day.tags(), day.features());
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
            DayCounts c = AnalysisJson.read(json.get(), DayCounts.class);
            if (c.features() == null || c.features().length != PromptFeature.values().length) {
                return Optional.empty();
            }
            c.toAggregate(d, fresh());
            return Optional.of(c);
        } catch (FeedbackLoopException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private void save(LocalDate d, WindowAggregate day, long version) {
        store.putCache(key(d), UNVERSIONED, AnalysisJson.write(DayCounts.of(day, version)));
    }

    private String key(LocalDate d) {
        return PREFIX + zone.getId() + "/" + d;
    }
}
