package dev.feedbackloop.cli;

import static dev.feedbackloop.analysis.Figures.pct;
import static dev.feedbackloop.analysis.Figures.range;

import dev.feedbackloop.analysis.Figures;
import dev.feedbackloop.analysis.Finding;
import dev.feedbackloop.analysis.GroupPerformance;
import dev.feedbackloop.analysis.PatternAnalysis;
import dev.feedbackloop.analysis.Recommendation;
import dev.feedbackloop.analysis.Recommender;
import dev.feedbackloop.analysis.TaskTypeCount;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human output of {@code analyze}: the same content as its JSON, readable, with small bar charts. */
final class AnalysisText {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final int BAR = 20;
    private static final int MAX_ROWS = 15;
    private static final int FINDINGS_PER_KIND = 4;

    private AnalysisText() {
    }

    static String render(PatternAnalysis a, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Analysis of %s to %s (%s)%s%n", MINUTE.format(a.window().start().atZone(zone)),
                MINUTE.format(a.window().end().atZone(zone)), zone.getId(),
                a.fromCache() ? "  [from cache: no new feedback since]" : ""));
        b.append(String.format(Locale.ROOT, "Entries: %,d   positive %,d   negative %,d   neutral %,d%n",
                a.totalFeedback(), a.positiveCount(), a.negativeCount(),
                a.totalFeedback() - a.positiveCount() - a.negativeCount()));
        b.append(String.format(Locale.ROOT, "Success rate: %s %s (95%% interval)%n", pct(a.successRate()),
                range(a.successRateCi())));
        taskTypes(b, a);
        table(b, "Frameworks", a.frameworkPerformance(), a.minSupport());
        table(b, "Models", a.modelPerformance(), a.minSupport());
        table(b, "Tags", a.tagPerformance(), a.minSupport());
        table(b, "Prompt features (entries with the feature)", a.featurePerformance(), a.minSupport());
        findings(b, a.findings());
        phrases(b, "Distinctive of successful entries", a.commonPositivePatterns());
        phrases(b, "Distinctive of failed entries", a.commonNegativePatterns());
        b.append("\nRecommendations\n");
        List<Recommendation> recs = a.recommendationDetails();
        for (int i = 0; i < recs.size(); i++) {
            b.append(String.format(Locale.ROOT, "  %d. %s%n     evidence: %s%n", i + 1, recs.get(i).text(),
                    recs.get(i).evidence()));
        }
        return b.toString();
    }

    private static void table(StringBuilder b, String title, Map<String, GroupPerformance> groups, int minSupport) {
        if (groups.isEmpty()) {
            return;
        }
        b.append('\n').append(title).append(String.format(Locale.ROOT,
                ", by success rate (groups under %d entries are listed last, not ranked)%n", minSupport));
        int shown = 0;
        for (Map.Entry<String, GroupPerformance> e : groups.entrySet()) {
            if (shown++ == MAX_ROWS) {
                b.append(String.format(Locale.ROOT, "  ... %d more (see --json)%n", groups.size() - MAX_ROWS));
                break;
            }
            GroupPerformance g = e.getValue();
            b.append(String.format(Locale.ROOT, "  %-36s %6s %-16s %-" + BAR + "s n=%,d%s%n",
                    Text.abbreviate(e.getKey(), 36), pct(g.successRate()), range(g.ci()),
                    bar(g.successRate()), g.count(), g.enoughData() ? "" : "  (too few)"));
        }
    }

    /** The strata of the adjusted comparisons: entries per task type, and how many the classifier typed. */
    private static void taskTypes(StringBuilder b, PatternAnalysis a) {
        if (a.taskTypes() == null || a.taskTypes().isEmpty()) {
            return;
        }
        long classified = a.taskTypes().values().stream().mapToLong(TaskTypeCount::classified).sum();
        b.append(String.format(Locale.ROOT, "%nTask types%s (%,d of %,d entries typed by the router's classifier, "
                + "the rest by context.task_type)%n", a.adjustedFor() == null || a.adjustedFor().isEmpty() ? ""
                : " and " + String.join(", ", a.adjustedFor()), classified, a.totalFeedback()));
        int shown = 0;
        for (Map.Entry<String, TaskTypeCount> e : a.taskTypes().entrySet()) {
            if (shown++ == MAX_ROWS) {
                b.append(String.format(Locale.ROOT, "  ... %d more (see --json)%n", a.taskTypes().size() - MAX_ROWS));
                break;
            }
            TaskTypeCount t = e.getValue();
            b.append(String.format(Locale.ROOT, "  %-36s %6s %-" + BAR + "s n=%,d (classified %,d)%s%n",
                    Text.abbreviate(e.getKey(), 36), pct(t.successRate()), bar(t.successRate()), t.count(),
                    t.classified(), t.enoughData() ? "" : "  (thin: no findings of its own)"));
        }
    }

    /**
     * Significant findings first, at most a few per kind so that no kind crowds out the others; the
     * adjusted difference first, the raw one beside it, and the note when they disagree.
     */
    private static void findings(StringBuilder b, List<Finding> findings) {
        long significant = findings.stream().filter(Finding::significant).count();
        b.append(String.format(Locale.ROOT, "%nFindings: %d of %d comparisons significant (false discovery rate 5%%),"
                + " largest effects per kind; * = significant; differences within task types, raw beside%n",
                significant, findings.size()));
        for (String kind : Recommender.KIND_ORDER) {
            findings.stream().filter(f -> f.kind().equals(kind))
                    .sorted(Comparator.comparing((Finding f) -> !f.significant())
                            .thenComparing(f -> f.taskType() != null)
                            .thenComparingDouble(f -> -Math.abs(f.effect())))
                    .limit(FINDINGS_PER_KIND)
                    .forEach(f -> {
                        String name = f.taskType() == null ? f.name() : f.name() + " on " + f.taskType();
                        b.append(String.format(Locale.ROOT, "  %s %+6.1f pts %-16s %-9s %-36s n=%,d vs %,d  q=%s%s%n",
                                f.significant() ? "*" : " ", f.effect() * 100, Figures.pointRange(f.ci()), f.kind(),
                                Text.abbreviate(name, 36), f.support(), f.supportWithout(), Figures.p(f.qValue()),
                                f.raw() == null ? "" : String.format(Locale.ROOT, "  raw %+.1f%s", f.raw().effect() * 100,
                                        f.raw().significant() ? "*" : "")));
                        if (f.note() != null) {
                            b.append("      ").append(f.note()).append('\n');
                        }
                    });
        }
    }

    private static void phrases(StringBuilder b, String title, List<Map<String, Object>> patterns) {
        if (patterns.isEmpty()) {
            return;
        }
        b.append('\n').append(title).append(" (weighted log-odds z-score)\n");
        for (String source : List.of("prompt", "notes")) {
            StringBuilder line = new StringBuilder();
            for (Map<String, Object> p : patterns) {
                if (source.equals(p.get("source"))) {
                    line.append(line.length() == 0 ? "" : ", ").append('"').append(p.get("phrase")).append("\" ")
                            .append(String.format(Locale.ROOT, "%.1f", ((Number) p.get("z_score")).doubleValue()));
                }
            }
            if (line.length() > 0) {
                b.append(String.format(Locale.ROOT, "  %-7s %s%n", source + ":", line));
            }
        }
    }

    static String bar(double share) {
        int n = (int) Math.round(Math.max(0, Math.min(1, share)) * BAR);
        return "█".repeat(n) + "·".repeat(BAR - n);
    }
}
