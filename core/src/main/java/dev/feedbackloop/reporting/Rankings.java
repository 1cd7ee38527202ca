package dev.feedbackloop.reporting;

import dev.feedbackloop.analysis.Finding;
import dev.feedbackloop.analysis.GroupPerformance;
import dev.feedbackloop.analysis.GroupTables;
import dev.feedbackloop.analysis.Tally;
import dev.feedbackloop.analysis.WindowAggregate;
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
 * per kind, each with its interval and its comparison to the rest. Which side a group is on follows
 * its comparison with the rest within task types (a group used for easy tasks is no top performer
 * for that alone, and one whose raw difference is significant only because of its task mix is
 * left out); a group whose effect depends on the task type is listed per task type instead
 * ("few-shot on code tasks"), with that task type's figures.
 */
record Rankings(List<RankedGroup> top, List<RankedGroup> problems) {

    /** @param strata the period's counts per task type (empty when not stratified) */
    static Rankings of(GroupTables tables, List<Finding> findings, Tally all, int perKind,
            Map<String, WindowAggregate.StratumCounts> strata) {
        Map<String, Finding> byKey = new HashMap<>();
        findings.stream().filter(f -> f.taskType() == null).forEach(f -> byKey.put(f.kind() + "\u0000" + f.name(), f));
        List<RankedGroup> top = new ArrayList<>();
        List<RankedGroup> problems = new ArrayList<>();
        for (String kind : List.of(Finding.FRAMEWORK, Finding.MODEL, Finding.TAG)) {
            List<RankedGroup> candidates = new ArrayList<>();
            add(candidates, kind, table(tables, kind), byKey);
            findings.stream().filter(f -> f.kind().equals(kind) && f.taskType() != null)
                    .forEach(f -> perTaskType(f, strata).ifPresent(candidates::add));
            candidates.stream().filter(g -> g.differenceVsRest() > 0)
                    .sorted(Comparator.comparingDouble(RankedGroup::successRate).reversed()
                            .thenComparing(RankedGroup::label))
                    .limit(perKind).forEach(top::add);
            candidates.stream().filter(g -> g.differenceVsRest() < 0)
                    .sorted(Comparator.comparingDouble(RankedGroup::successRate).thenComparing(RankedGroup::label))
                    .limit(perKind).forEach(problems::add);
        }
        return new Rankings(top, problems);
    }

    /** A group within one task type, from that task type's counts. */
    private static java.util.Optional<RankedGroup> perTaskType(Finding f,
            Map<String, WindowAggregate.StratumCounts> strata) {
        WindowAggregate.StratumCounts c = strata.get(f.taskType());
        if (c == null) {
            return java.util.Optional.empty();
        }
        Map<String, Tally> groups = switch (f.kind()) {
            case Finding.FRAMEWORK -> c.frameworks();
            case Finding.MODEL -> c.models();
            default -> c.tags();
        };
        Tally t = groups.get(f.name());
        return t == null ? java.util.Optional.empty() : java.util.Optional.of(new RankedGroup(f.kind(), f.name(),
                t.successRate(), t.ci(), t.count(), t.avgRating(), f.effect(), f.ci(), f.qValue(), f.significant(),
                f.taskType(), null));
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
            boolean onlyByTaskMix = f != null && f.raw() != null && f.raw().significant() && !f.significant();
            if (g.enoughData() && f != null && !f.interaction() && !onlyByTaskMix) {
                out.add(new RankedGroup(kind, name, g.successRate(), g.ci(), g.count(), g.avgRating(), f.effect(),
                        f.ci(), f.qValue(), f.significant(), null, f.raw() == null ? null : f.raw().effect()));
            }
        });
    }
}
