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
 * Top performers and problem areas: frameworks, then models, then tags (the specification's "top
 * performing frameworks/techniques" first; tags often name an outcome rather than an area), each
 * kind ranked by success rate (not by volume) among groups with at least the minimum support, a few
 * per kind, each with its interval and its comparison to the rest.
 */
record Rankings(List<RankedGroup> top, List<RankedGroup> problems) {

    static Rankings of(GroupTables tables, List<Finding> findings, Tally all, int perKind) {
        Map<String, Finding> byKey = new HashMap<>();
        findings.forEach(f -> byKey.put(f.kind() + "\u0000" + f.name(), f));
        List<RankedGroup> top = new ArrayList<>();
        List<RankedGroup> problems = new ArrayList<>();
        double overall = all.successRate();
        for (String kind : List.of(Finding.FRAMEWORK, Finding.MODEL, Finding.TAG)) {
            List<RankedGroup> candidates = new ArrayList<>();
            add(candidates, kind, table(tables, kind), byKey);
            candidates.stream().filter(g -> g.successRate() > overall)
                    .sorted(Comparator.comparingDouble(RankedGroup::successRate).reversed()
                            .thenComparing(RankedGroup::name))
                    .limit(perKind).forEach(top::add);
            candidates.stream().filter(g -> g.successRate() < overall)
                    .sorted(Comparator.comparingDouble(RankedGroup::successRate).thenComparing(RankedGroup::name))
                    .limit(perKind).forEach(problems::add);
        }
        return new Rankings(top, problems);
    }

    private static Map<String, GroupPerformance> table(GroupTables tables, String kind) {
        switch (kind) {
            case Finding.FRAMEWORK:
                return tables.frameworks();
            case Finding.MODEL:
                return tables.models();
            default:
                return tables.tags();
        }
    }

    private static void add(List<RankedGroup> out, String kind, Map<String, GroupPerformance> table,
            Map<String, Finding> findings) {
        table.forEach((name, g) -> {
            Finding f = findings.get(kind + "\u0000" + name);
            if (g.enoughData() && f != null) {
                out.add(new RankedGroup(kind, name, g.successRate(), g.ci(), g.count(), g.avgRating(), f.effect(),
                        f.ci(), f.qValue(), f.significant()));
            }
        });
    }
}
