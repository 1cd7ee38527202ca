package dev.feedbackloop.reporting;

import dev.feedbackloop.analysis.Tally;
import dev.feedbackloop.analysis.WindowAggregate;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One local day's counts over the entries with row id up to {@code maxId}, as kept in a day rollup.
 * Each tally is stored as {count, positive, negative, rating sum}.
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
