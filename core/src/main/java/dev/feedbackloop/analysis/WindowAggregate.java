package dev.feedbackloop.analysis;

import dev.feedbackloop.capture.Outcome;
import dev.feedbackloop.capture.PromptFeature;
import dev.feedbackloop.internal.DayCursor;
import dev.feedbackloop.storage.AnalysisRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Everything an analysis or report needs from one pass over the rows of a window: counts overall,
 * per framework, tag, model, prompt feature, prompt length and (optionally) local day, plus an
 * optional uniform sample of row ids (bottom-k, so parts can be merged). Memory is bounded by the number of distinct groups, not rows.
 * Not thread-safe: feed it from one scan.
 */
public final class WindowAggregate implements Consumer<AnalysisRow> {
    /** Prompts longer than this share the last length slot (quartile cut points stay exact below it). */
    static final int MAX_TRACKED_CHARS = 1 << 16;

    private final Tally overall = new Tally();
    private final Map<String, Tally> frameworks = new HashMap<>();
    private final Map<String, Tally> tags = new HashMap<>();
    private final Map<String, Tally> models = new HashMap<>();
    private final Tally[] features = new Tally[PromptFeature.values().length];
    private Tally[] lengths = new Tally[1024];
    private final Map<LocalDate, Tally> days = new TreeMap<>();
    private final ZoneId dayZone;
    private final BottomKSample sample;
    private final DayCursor cursor;
    private LocalDate dayKey;
    private Tally day;
    private final Strata strata = new Strata(PromptFeature.values().length);
    private final List<String> adjustFor;
    private final boolean deferUnclassified;
    private List<AnalysisRow> unclassified = new ArrayList<>();

    /**
     * @param dayZone    zone for daily counts; null to skip them
     * @param sampleSize row ids to sample uniformly (0 = none)
     * @param seed       sampling seed (same rows + seed = same sample)
     */
    public WindowAggregate(ZoneId dayZone, int sampleSize, long seed) {
        this(dayZone, sampleSize, seed, List.of(), false);
    }

    /**
     * @param adjustFor         fields whose values split the task-type strata further
     *                          ({@link AnalysisOptions#ADJUSTABLE})
     * @param deferUnclassified rows with no task type yet are kept aside, uncounted, until they come
     *                          back classified ({@link #unclassified()}); otherwise they count in
     *                          the stratum {@code unknown}
     */
    public WindowAggregate(ZoneId dayZone, int sampleSize, long seed, List<String> adjustFor,
            boolean deferUnclassified) {
        this.adjustFor = List.copyOf(adjustFor);
        this.deferUnclassified = deferUnclassified;
        this.dayZone = dayZone;
        this.cursor = dayZone == null ? null : new DayCursor(dayZone);
        this.sample = sampleSize > 0 ? new BottomKSample(sampleSize, seed) : null;
        for (int i = 0; i < features.length; i++) {
            features[i] = new Tally();
        }
    }

    @Override
    public void accept(AnalysisRow row) {
        String type = row.effectiveTaskType();
        if (type == null && deferUnclassified) {
            unclassified.add(row);
            return;
        }
        Outcome outcome = row.outcome();
        int rating = row.rating();
        overall.add(rating, outcome);
        if (row.framework() != null) {
            frameworks.computeIfAbsent(row.framework(), k -> new Tally()).add(rating, outcome);
        }
        if (row.model() != null) {
            models.computeIfAbsent(row.model(), k -> new Tally()).add(rating, outcome);
        }
        List<String> rowTags = row.tags();
        for (int i = 0; i < rowTags.size(); i++) {
            tags.computeIfAbsent(rowTags.get(i), k -> new Tally()).add(rating, outcome);
        }
        int mask = row.features();
        for (int f = 0; mask != 0 && f < features.length; f++) {
            if ((mask & (1 << f)) != 0) {
                features[f].add(rating, outcome);
            }
        }
        lengthTally(row.promptChars()).add(rating, outcome);
        strata.accept(row, stratum(row, type), lengthSlot(row.promptChars()));
        if (dayZone != null) {
            dayTally(row.timestamp()).add(rating, outcome);
        }
        if (sample != null) {
            sample.offer(row.id());
        }
    }

    /** Rows arrive in time order, so the current day's tally is nearly always the one needed. */
    private Tally dayTally(Instant t) {
        LocalDate date = cursor.day(t);
        if (date != dayKey) {
            dayKey = date;
            day = days.computeIfAbsent(date, k -> new Tally());
        }
        return day;
    }

    private String stratum(AnalysisRow row, String type) {
        String key = type == null ? Strata.UNKNOWN : type;
        for (String field : adjustFor) {
            String value = field.equals("model") ? row.model() : row.framework();
            key += ", " + field + " " + (value == null ? "none" : value);
        }
        return key;
    }

    private static int lengthSlot(int chars) {
        return Math.max(0, Math.min(chars, MAX_TRACKED_CHARS));
    }

    private Tally lengthTally(int chars) {
        int slot = lengthSlot(chars);
        if (slot >= lengths.length) {
            lengths = Arrays.copyOf(lengths, Math.min(MAX_TRACKED_CHARS + 1, Math.max(slot + 1, lengths.length * 2)));
        }
        Tally t = lengths[slot];
        if (t == null) {
            t = new Tally();
            lengths[slot] = t;
        }
        return t;
    }

    public Tally overall() {
        return overall;
    }

    /** Rows kept aside for want of a task type (see the constructor), in no particular order. */
    public List<AnalysisRow> unclassified() {
        return java.util.Collections.unmodifiableList(unclassified);
    }

    /** The rows kept aside, handed over: the aggregate keeps none afterwards. */
    public List<AnalysisRow> takeUnclassified() {
        List<AnalysisRow> taken = unclassified;
        unclassified = new ArrayList<>();
        return taken;
    }

    /**
     * The counts by stratum, or null when they do not cover every counted entry (days added from
     * rollups, which keep no strata): comparisons are then made over the whole window only.
     */
    Strata strata() {
        Strata.ByStratum all = strata.overall();
        long covered = 0;
        for (int s = 0; s < strata.names().size(); s++) {
            Tally t = all.get(s);
            covered += t == null ? 0 : t.count();
        }
        return covered == overall.count() && covered > 0 ? strata : null;
    }

    /** Entries per stratum and how many of them were classified, largest first; empty when not stratified. */
    public java.util.Map<String, TaskTypeCount> taskTypes(int minSupport) {
        Strata s = strata();
        return s == null ? java.util.Map.of() : s.counts(minSupport);
    }

    /**
     * The counts of one stratum, as a report's day rollup keeps them.
     *
     * @param classified the part of {@code overall} typed by the classifier
     */
    public record StratumCounts(Tally overall, Tally classified, Map<String, Tally> frameworks,
            Map<String, Tally> models, Map<String, Tally> tags, Tally[] features) {
    }

    /** The counts per stratum (task type), prompt lengths aside. */
    public Map<String, StratumCounts> stratumCounts() {
        return strata.export();
    }

    /** Fields that split the task-type strata further. */
    List<String> adjustFor() {
        return adjustFor;
    }

    public Map<String, Tally> frameworks() {
        return frameworks;
    }

    public Map<String, Tally> tags() {
        return tags;
    }

    public Map<String, Tally> models() {
        return models;
    }

    public Tally feature(PromptFeature f) {
        return features[f.ordinal()];
    }

    /** Per prompt length in characters (index); null slots had no entries. */
    Tally[] lengths() {
        return lengths;
    }

    /** Daily counts in ascending date order; empty unless a zone was given. */
    public Map<LocalDate, Tally> days() {
        return days;
    }

    /** Sampled row ids in random order; empty when sampling was off. */
    public List<Long> sample() {
        return sample == null ? List.of() : sample.ids();
    }

    /**
     * Adds everything {@code other} counted (a disjoint part of the same window, aggregated with the
     * same zone, sample size and seed); the result equals one pass over both parts.
     */
    public void merge(WindowAggregate other) {
        overall.add(other.overall);
        mergeInto(frameworks, other.frameworks);
        mergeInto(tags, other.tags);
        mergeInto(models, other.models);
        mergeInto(days, other.days);
        for (int f = 0; f < features.length; f++) {
            features[f].add(other.features[f]);
        }
        for (int i = 0; i < other.lengths.length; i++) {
            if (other.lengths[i] != null) {
                lengthTally(i).add(other.lengths[i]);
            }
        }
        if (sample != null && other.sample != null) {
            sample.addAll(other.sample);
        }
        strata.merge(other.strata);
        unclassified.addAll(other.unclassified);
    }

    /**
     * Adds the counts of one whole local day that were kept elsewhere (a report's day rollup): the
     * day's overall tally also becomes its daily point, unless it is empty (a scan has no point for a
     * day without entries). Prompt lengths are not kept there.
     */
    public void addDay(LocalDate date, Tally dayOverall, Map<String, Tally> dayFrameworks, Map<String, Tally> dayModels,
            Map<String, Tally> dayTags, Tally[] dayFeatures, Map<String, StratumCounts> dayStrata) {
        dayStrata.forEach(strata::add);
        overall.add(dayOverall);
        mergeInto(frameworks, dayFrameworks);
        mergeInto(models, dayModels);
        mergeInto(tags, dayTags);
        for (int f = 0; f < features.length && f < dayFeatures.length; f++) {
            features[f].add(dayFeatures[f]);
        }
        if (dayOverall.count() > 0) {
            days.computeIfAbsent(date, k -> new Tally()).add(dayOverall);
        }
    }

    /** Per prompt feature (by ordinal). */
    public Tally[] features() {
        return features.clone();
    }

    private static <K> void mergeInto(Map<K, Tally> into, Map<K, Tally> from) {
        from.forEach((k, t) -> into.computeIfAbsent(k, x -> new Tally()).add(t));
    }
}
