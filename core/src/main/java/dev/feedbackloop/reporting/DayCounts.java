package dev.feedbackloop.reporting;

import dev.feedbackloop.analysis.Tally;
import dev.feedbackloop.analysis.WindowAggregate;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One local day's counts over the entries with row id up to {@code maxId}, as kept in a day rollup
 * (written and read by {@link DayCountsJson}). Each tally is stored as {count, positive, negative,
 * rating sum}.
 */
record DayCounts(long maxId, long[] overall, Map<String, long[]> frameworks, Map<String, long[]> models,
        Map<String, long[]> tags, long[][] features) {

    static DayCounts of(WindowAggregate day, long maxId) {
        Tally[] f = day.features();
        long[][] features = new long[f.length][];
        for (int i = 0; i < f.length; i++) {
            features[i] = f[i].toArray();
        }
        return new DayCounts(maxId, day.overall().toArray(), arrays(day.frameworks()), arrays(day.models()),
                arrays(day.tags()), features);
    }

    /** The same counts, known to hold every entry of the day up to row id {@code version}. */
    DayCounts at(long version) {
        return new DayCounts(version, overall, frameworks, models, tags, features);
    }

    /**
     * These counts less those of {@code part}, a part of the same day counted up to the same row id:
     * the counts of the rest of the day. Groups left without entries are dropped, as a scan of the
     * rest would not have them.
     *
     * @throws IllegalArgumentException when {@code part} holds more than these counts (it was not a part)
     */
    DayCounts minus(WindowAggregate part) {
        Tally[] partFeatures = part.features();
        long[][] f = new long[features.length][];
        for (int i = 0; i < f.length; i++) {
            f[i] = checked(Tally.fromArray(features[i]).minus(partFeatures[i]));
        }
        return new DayCounts(maxId, checked(Tally.fromArray(overall).minus(part.overall())),
                minus(frameworks, part.frameworks()), minus(models, part.models()), minus(tags, part.tags()), f);
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
        Tally[] f = new Tally[features.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = Tally.fromArray(features[i]);
        }
        into.addDay(date, Tally.fromArray(overall), tallies(frameworks), tallies(models), tallies(tags), f);
        return into;
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
