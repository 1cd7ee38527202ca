package dev.feedbackloop.analysis;

import dev.feedbackloop.capture.PromptFeature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-group performance tables of one window and the group-versus-rest comparisons behind
 * them. Tables list groups with enough support first, by success rate (best first), then the
 * small ones by size.
 */
public record GroupTables(
        Map<String, GroupPerformance> frameworks,
        Map<String, GroupPerformance> tags,
        Map<String, GroupPerformance> models,
        Map<String, GroupPerformance> features,
        Comparisons comparisons) {

    public static GroupTables of(WindowAggregate agg, int minSupport) {
        return of(agg, minSupport, true);
    }

    /**
     * @param lengthQuartiles whether prompt-length quartiles are compared (reports leave them out)
     */
    public static GroupTables of(WindowAggregate agg, int minSupport, boolean lengthQuartiles) {
        Tally all = agg.overall();
        Strata strata = agg.strata();
        Comparisons c = strata == null ? new Comparisons() : new Comparisons(strata.names(), agg.adjustFor());
        Map<String, Tally> features = new LinkedHashMap<>();
        for (PromptFeature f : PromptFeature.values()) {
            if (agg.feature(f).count() > 0) {
                features.put(f.label(), agg.feature(f));
            }
            compare(c, strata, Finding.FEATURE, f.label(), agg.feature(f), all,
                    strata == null ? null : strata.feature(f.ordinal()));
        }
        for (LengthQuartiles.Group g : lengthQuartiles ? LengthQuartiles.of(agg.lengths()) : List.<LengthQuartiles.Group>of()) {
            features.put(g.label(), g.tally());
            compare(c, strata, Finding.FEATURE, g.label(), g.tally(), all,
                    strata == null ? null : strata.lengthRange(g.minChars(), g.maxChars()));
        }
        agg.frameworks().forEach((name, t) -> compare(c, strata, Finding.FRAMEWORK, name, t, all,
                strata == null ? null : strata.framework(name)));
        agg.tags().forEach((name, t) -> compare(c, strata, Finding.TAG, name, t, all,
                strata == null ? null : strata.tag(name)));
        agg.models().forEach((name, t) -> compare(c, strata, Finding.MODEL, name, t, all,
                strata == null ? null : strata.model(name)));
        return new GroupTables(table(agg.frameworks(), minSupport), table(agg.tags(), minSupport),
                table(agg.models(), minSupport), featureTable(features, minSupport), c);
    }

    private static void compare(Comparisons c, Strata strata, String kind, String name, Tally group, Tally all,
            Strata.ByStratum groupBy) {
        if (strata == null || groupBy == null) {
            c.groupVersusRest(kind, name, group, all);
        } else {
            c.groupVersusRest(kind, name, group, all, groupBy, strata.overall());
        }
    }

    /** Groups ranked: supported ones by success rate, best first; then the small ones, largest first. */
    static Map<String, GroupPerformance> table(Map<String, Tally> groups, int minSupport) {
        List<Map.Entry<String, Tally>> entries = new ArrayList<>(groups.entrySet());
        entries.sort(Comparator.comparing((Map.Entry<String, Tally> e) -> e.getValue().count() < minSupport)
                .thenComparing(e -> e.getValue().count() < minSupport ? -e.getValue().count() : 0L)
                .thenComparing(e -> -e.getValue().successRate())
                .thenComparing(Map.Entry::getKey));
        Map<String, GroupPerformance> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tally> e : entries) {
            out.put(e.getKey(), e.getValue().performance(minSupport));
        }
        return out;
    }

    private static Map<String, GroupPerformance> featureTable(Map<String, Tally> features, int minSupport) {
        Map<String, GroupPerformance> out = new LinkedHashMap<>();
        features.forEach((name, t) -> out.put(name, t.performance(minSupport)));
        return out;
    }
}
