package dev.feedbackloop.reporting;

import dev.feedbackloop.analysis.Tally;
import dev.feedbackloop.analysis.WindowAggregate;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One local day's counts over the entries with row id up to {@code maxId}, as kept in a day rollup
 * (written and read by {@link DayCountsJson}). Each tally is stored as {count, positive, negative,
 * rating sum}. The same counts per task type are kept in {@code strata} (each with no strata of its
 * own, and with {@code classified}: the part typed by the classifier), so that a report compares
 * groups within task types as an analysis does.
 *
 * @param classified null for a whole day
 */
record DayCounts(long maxId, long[] overall, Map<String, long[]> frameworks, Map<String, long[]> models,
        Map<String, long[]> tags, long[][] features, long[] classified, Map<String, DayCounts> strata) {

    static DayCounts of(WindowAggregate day, long maxId) {
        Map<String, DayCounts> strata = new LinkedHashMap<>();
        day.stratumCounts().forEach((name, c) -> strata.put(name, new DayCounts(maxId, c.overall().toArray(),
                arrays(c.frameworks()), arrays(c.models()), arrays(c.tags()), arrays(c.features()),
                c.classified().toArray(), Map.of())));
        return new DayCounts(maxId, day.overall().toArray(), arrays(day.frameworks()), arrays(day.models()),
                arrays(day.tags()), arrays(day.features()), null, strata);
    }

    private static long[][] arrays(Tally[] f) {
        long[][] out = new long[f.length][];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i].toArray();
        }
        return out;
    }

    /** The same counts, known to hold every entry of the day up to row id {@code version}. */
    DayCounts at(long version) {
        return new DayCounts(version, overall, frameworks, models, tags, features, classified, strata);
    }

    /**
     * These counts less those of {@code part}, a part of the same day counted up to the same row id:
     * the counts of the rest of the day. Groups left without entries are dropped, as a scan of the
     * rest would not have them.
     *
     * @throws IllegalArgumentException when {@code part} holds more than these counts (it was not a part)
     */
    DayCounts minus(WindowAggregate part) {
        Map<String, WindowAggregate.StratumCounts> partStrata = part.stratumCounts();
        if (!strata.keySet().containsAll(partStrata.keySet())) {
            throw new IllegalArgumentException("a part of a day holds task types the whole day lacks: "
                    + partStrata.keySet());
        }
        Map<String, DayCounts> left = new LinkedHashMap<>();
        strata.forEach((name, whole) -> {
            WindowAggregate.StratumCounts p = partStrata.get(name);
            DayCounts rest = p == null ? whole : whole.minus(p.overall(), p.frameworks(), p.models(), p.tags(),
                    p.features(), p.classified());
            if (rest.overall()[0] > 0) {
                left.put(name, rest);
            }
        });
        DayCounts whole = minus(part.overall(), part.frameworks(), part.models(), part.tags(), part.features(), null);
        return new DayCounts(maxId, whole.overall, whole.frameworks, whole.models, whole.tags, whole.features, null,
                left);
    }

    private DayCounts minus(Tally partOverall, Map<String, Tally> partFrameworks, Map<String, Tally> partModels,
            Map<String, Tally> partTags, Tally[] partFeatures, Tally partClassified) {
        long[][] f = new long[features.length][];
        for (int i = 0; i < f.length; i++) {
            f[i] = checked(Tally.fromArray(features[i]).minus(partFeatures[i]));
        }
        return new DayCounts(maxId, checked(Tally.fromArray(overall).minus(partOverall)),
                minus(frameworks, partFrameworks), minus(models, partModels), minus(tags, partTags), f,
                classified == null ? null : checked(Tally.fromArray(classified).minus(partClassified)), Map.of());
    }

    private static Map<String, long[]> minus(Map<String, long[]> whole, Map<String, Tally> part) {
        Map<String, long[]> out = new LinkedHashMap<>();
        whole.forEach((k, v) -> {
            Tally p = part.get(k);
            long[] left = p == null ? v : checked(Tally.fromArray(v).minus(p));
            if (left[0] > 0) {
                out.put(k, left);
            }
        });
        if (!whole.keySet().containsAll(part.keySet())) {
            throw new IllegalArgumentException("a part of a day holds groups the whole day lacks: " + part.keySet());
        }
        return out;
    }

    /** The tally's array, validated as stored counts are. */
    private static long[] checked(Tally t) {
        return Tally.fromArray(t.toArray()).toArray();
    }

    /**
     * Adds these counts to {@code into} as the whole of {@code date}.
     *
     * @throws IllegalArgumentException when a stored tally is malformed
     */
    WindowAggregate toAggregate(LocalDate date, WindowAggregate into) {
        Map<String, WindowAggregate.StratumCounts> byType = new LinkedHashMap<>();
        strata.forEach((name, c) -> byType.put(name, new WindowAggregate.StratumCounts(Tally.fromArray(c.overall),
                Tally.fromArray(c.classified == null ? new long[4] : c.classified), tallies(c.frameworks),
                tallies(c.models), tallies(c.tags), tallies(c.features))));
        into.addDay(date, Tally.fromArray(overall), tallies(frameworks), tallies(models), tallies(tags),
                tallies(features), byType);
        return into;
    }

    private static Tally[] tallies(long[][] arrays) {
        Tally[] f = new Tally[arrays.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = Tally.fromArray(arrays[i]);
        }
        return f;
    }

    private static Map<String, Tally> tallies(Map<String, long[]> m) {
        Map<String, Tally> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Tally.fromArray(v)));
        return out;
    }

    private static Map<String, long[]> arrays(Map<String, Tally> m) {
        Map<String, long[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.toArray()));
        return out;
    }
}
