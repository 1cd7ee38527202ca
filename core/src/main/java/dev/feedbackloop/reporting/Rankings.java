package dev.feedbackloop.reporting;

import dev.feedbackloop.analysis.Finding;
import dev.feedbackloop.analysis.GroupPerformance;
import dev.feedbackloop.analysis.GroupTables;
import dev.feedbackloop.analysis.Tally;
import dev.feedbackloop.reporting.ImprovementReport.RankedGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Top performers and problem areas: frameworks, models and tags with at least the minimum support,
 * ranked by success rate (not by volume), each with its interval and its comparison to the rest.
 */
record Rankings(List<RankedGroup> top, List<RankedGroup> problems) {

    static Rankings of(GroupTables tables, List<Finding> findings, Tally all, int minSupport, int limit) {
        Map<String, Finding> byKey = new HashMap<>();
        findings.forEach(f -> byKey.put(f.kind() + "\u0000" + f.name(), f));
        List<RankedGroup> candidates = new ArrayList<>();
        add(candidates, Finding.FRAMEWORK, tables.frameworks(), byKey, minSupport);
        add(candidates, Finding.MODEL, tables.models(), byKey, minSupport);
        add(candidates, Finding.TAG, tables.tags(), byKey, minSupport);
        double overall = all.successRate();
        List<RankedGroup> top = candidates.stream().filter(g -> g.successRate() > overall)
                .sorted(Comparator.comparingDouble(RankedGroup::successRate).reversed()
                        .thenComparing(RankedGroup::name))
                .limit(limit).toList();
        List<RankedGroup> problems = candidates.stream().filter(g -> g.successRate() < overall)
                .sorted(Comparator.comparingDouble(RankedGroup::successRate).thenComparing(RankedGroup::name))
                .limit(limit).toList();
        return new Rankings(top, problems);
    }

    private static void add(List<RankedGroup> out, String kind, Map<String, GroupPerformance> table,
            Map<String, Finding> findings, int minSupport) {
        table.forEach((name, g) -> {
            Finding f = findings.get(kind + "\u0000" + name);
            if (g.count() >= minSupport && f != null) {
                out.add(new RankedGroup(kind, name, g.successRate(), g.ci(), g.count(), g.avgRating(), f.effect(),
                        f.ci(), f.qValue(), f.significant()));
            }
        });
    }
}
