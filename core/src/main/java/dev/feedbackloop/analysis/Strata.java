package dev.feedbackloop.analysis;

import dev.feedbackloop.capture.Outcome;
import dev.feedbackloop.storage.AnalysisRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts of a window split by stratum (task type, optionally combined with further fields):
 * overall and per framework, tag, model, prompt feature and prompt length, so that every group can
 * be compared with the rest within strata. Memory is bounded by groups x strata. Not thread-safe.
 */
final class Strata {
    /** Stratum of entries whose task type is not known (only when classification was not asked for). */
    static final String UNKNOWN = "unknown";

    /** Tallies of one group, indexed by stratum id; null where the group has no entry. */
    static final class ByStratum {
        private Tally[] tallies = new Tally[4];

        Tally at(int stratum) {
            if (stratum >= tallies.length) {
                tallies = Arrays.copyOf(tallies, Math.max(stratum + 1, tallies.length * 2));
            }
            Tally t = tallies[stratum];
            if (t == null) {
                t = new Tally();
                tallies[stratum] = t;
            }
            return t;
        }

        /** The tally of a stratum, or null when empty. */
        Tally get(int stratum) {
            return stratum < tallies.length ? tallies[stratum] : null;
        }

        void add(ByStratum other, int[] remap) {
            for (int s = 0; s < other.tallies.length; s++) {
                if (other.tallies[s] != null) {
                    at(remap[s]).add(other.tallies[s]);
                }
            }
        }
    }

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final ByStratum overall = new ByStratum();
    private final Map<String, ByStratum> frameworks = new HashMap<>();
    private final Map<String, ByStratum> tags = new HashMap<>();
    private final Map<String, ByStratum> models = new HashMap<>();
    private final ByStratum[] features;
    /** Per stratum id: per prompt length (as {@link WindowAggregate#lengths()}). */
    private final List<Tally[]> lengths = new ArrayList<>();
    private final ByStratum classified = new ByStratum();

    Strata(int featureCount) {
        features = new ByStratum[featureCount];
        for (int i = 0; i < featureCount; i++) {
            features[i] = new ByStratum();
        }
    }

    int id(String name) {
        Integer id = ids.get(name);
        if (id == null) {
            id = names.size();
            ids.put(name, id);
            names.add(name);
            lengths.add(new Tally[64]);
        }
        return id;
    }

    /** Stratum names by id. */
    List<String> names() {
        return names;
    }

    void accept(AnalysisRow row, String stratum, int lengthSlot) {
        int s = id(stratum);
        int rating = row.rating();
        Outcome outcome = row.outcome();
        overall.at(s).add(rating, outcome);
        if (row.taskType() == null) {
            classified.at(s).add(rating, outcome);
        }
        if (row.framework() != null) {
            frameworks.computeIfAbsent(row.framework(), k -> new ByStratum()).at(s).add(rating, outcome);
        }
        if (row.model() != null) {
            models.computeIfAbsent(row.model(), k -> new ByStratum()).at(s).add(rating, outcome);
        }
        List<String> rowTags = row.tags();
        for (int i = 0; i < rowTags.size(); i++) {
            tags.computeIfAbsent(rowTags.get(i), k -> new ByStratum()).at(s).add(rating, outcome);
        }
        int mask = row.features();
        for (int f = 0; mask != 0 && f < features.length; f++) {
            if ((mask & (1 << f)) != 0) {
                features[f].at(s).add(rating, outcome);
            }
        }
        lengthTally(s, lengthSlot).add(rating, outcome);
    }

    private Tally lengthTally(int s, int slot) {
        Tally[] l = lengths.get(s);
        if (slot >= l.length) {
            l = Arrays.copyOf(l, Math.max(slot + 1, l.length * 2));
            lengths.set(s, l);
        }
        if (l[slot] == null) {
            l[slot] = new Tally();
        }
        return l[slot];
    }

    ByStratum overall() {
        return overall;
    }

    ByStratum framework(String name) {
        return frameworks.get(name);
    }

    ByStratum tag(String name) {
        return tags.get(name);
    }

    ByStratum model(String name) {
        return models.get(name);
    }

    ByStratum feature(int ordinal) {
        return features[ordinal];
    }

    /** Entries with prompts of {@code minChars..maxChars} characters, per stratum. */
    ByStratum lengthRange(int minChars, int maxChars) {
        ByStratum out = new ByStratum();
        for (int s = 0; s < names.size(); s++) {
            Tally[] l = lengths.get(s);
            for (int i = minChars; i <= maxChars && i < l.length; i++) {
                if (l[i] != null) {
                    out.at(s).add(l[i]);
                }
            }
        }
        return out;
    }

    /** Per stratum name: its entries and how many of them the classifier typed, largest first. */
    Map<String, TaskTypeCount> counts(int minSupport) {
        List<Integer> order = new ArrayList<>();
        for (int s = 0; s < names.size(); s++) {
            order.add(s);
        }
        order.sort((a, b) -> overall.get(b).count() != overall.get(a).count()
                ? Long.compare(overall.get(b).count(), overall.get(a).count()) : names.get(a).compareTo(names.get(b)));
        Map<String, TaskTypeCount> out = new LinkedHashMap<>();
        for (int s : order) {
            Tally t = overall.get(s);
            Tally c = classified.get(s);
            out.put(names.get(s), new TaskTypeCount(t.count(), c == null ? 0 : c.count(), t.successRate(),
                    t.count() >= minSupport));
        }
        return out;
    }

    /** The counts of each stratum (prompt lengths aside), for keeping elsewhere (a report's day rollup). */
    Map<String, WindowAggregate.StratumCounts> export() {
        Map<String, WindowAggregate.StratumCounts> out = new LinkedHashMap<>();
        for (int s = 0; s < names.size(); s++) {
            Tally all = overall.get(s);
            if (all == null) {
                continue;
            }
            Tally[] f = new Tally[features.length];
            for (int i = 0; i < f.length; i++) {
                Tally t = features[i].get(s);
                f[i] = t == null ? new Tally() : t;
            }
            Tally c = classified.get(s);
            out.put(names.get(s), new WindowAggregate.StratumCounts(all, c == null ? new Tally() : c,
                    slice(frameworks, s), slice(models, s), slice(tags, s), f));
        }
        return out;
    }

    private static Map<String, Tally> slice(Map<String, ByStratum> groups, int s) {
        Map<String, Tally> out = new LinkedHashMap<>();
        groups.forEach((name, b) -> {
            Tally t = b.get(s);
            if (t != null) {
                out.put(name, t);
            }
        });
        return out;
    }

    /** Adds counts kept elsewhere ({@link #export}). */
    void add(String stratum, WindowAggregate.StratumCounts c) {
        int s = id(stratum);
        overall.at(s).add(c.overall());
        classified.at(s).add(c.classified());
        c.frameworks().forEach((k, t) -> frameworks.computeIfAbsent(k, x -> new ByStratum()).at(s).add(t));
        c.models().forEach((k, t) -> models.computeIfAbsent(k, x -> new ByStratum()).at(s).add(t));
        c.tags().forEach((k, t) -> tags.computeIfAbsent(k, x -> new ByStratum()).at(s).add(t));
        for (int f = 0; f < features.length && f < c.features().length; f++) {
            features[f].at(s).add(c.features()[f]);
        }
    }

    /** Adds another part of the same window; strata are matched by name. */
    void merge(Strata other) {
        int[] remap = new int[other.names.size()];
        for (int s = 0; s < remap.length; s++) {
            remap[s] = id(other.names.get(s));
        }
        overall.add(other.overall, remap);
        classified.add(other.classified, remap);
        mergeInto(frameworks, other.frameworks, remap);
        mergeInto(tags, other.tags, remap);
        mergeInto(models, other.models, remap);
        for (int f = 0; f < features.length; f++) {
            features[f].add(other.features[f], remap);
        }
        for (int s = 0; s < remap.length; s++) {
            Tally[] l = other.lengths.get(s);
            for (int i = 0; i < l.length; i++) {
                if (l[i] != null) {
                    lengthTally(remap[s], i).add(l[i]);
                }
            }
        }
    }

    private static void mergeInto(Map<String, ByStratum> into, Map<String, ByStratum> from, int[] remap) {
        from.forEach((k, b) -> into.computeIfAbsent(k, x -> new ByStratum()).add(b, remap));
    }
}
