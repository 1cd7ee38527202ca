package dev.feedbackloop.reporting;

import dev.feedbackloop.analysis.Figures;
import dev.feedbackloop.analysis.Recommendation;
import dev.feedbackloop.reporting.ImprovementReport.DailyPoint;
import dev.feedbackloop.reporting.ImprovementReport.RankedGroup;
import java.time.ZoneId;
import java.util.List;

/** A report as Markdown (GitHub flavour: tables). */
final class MarkdownReport {
    private MarkdownReport() {
    }

    static String render(ImprovementReport r, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(Fmt.title(r)).append("\n\n");
        b.append(Fmt.time(r.startDate(), zone)).append(" to ").append(Fmt.time(r.endDate(), zone)).append(" (")
                .append(zone.getId()).append("), end exclusive.\n\n");
        b.append("| Metric | Value |\n|---|---|\n");
        b.append("| Prompts | ").append(Figures.count(r.totalPrompts())).append(" |\n");
        b.append("| Average rating | ").append(Fmt.rating(r.avgRating())).append(" / 5 |\n");
        b.append("| Success rate | ").append(Figures.pct(r.successRate())).append(' ').append(Figures.range(r.successRateCi()))
                .append(" |\n");
        b.append("| Previous period (").append(r.previous().period()).append(") | ")
                .append(Figures.pct(r.previous().successRate())).append(" of ").append(Figures.count(r.previous().totalPrompts()))
                .append(" |\n");
        b.append("| Improvement vs previous | ").append(Fmt.improvement(r)).append(" relative; ")
                .append(Fmt.change(r.change())).append(" |\n\n");
        ranked(b, "Top performers", r.topPerformers(), r.minSupport());
        ranked(b, "Problem areas", r.problemAreas(), r.minSupport());
        if (!r.daily().isEmpty()) {
            b.append("## Daily success rate\n\n| Day | Entries | Success rate | 95% interval |\n|---|---:|---:|---|\n");
            for (DailyPoint d : r.daily()) {
                b.append("| ").append(d.date()).append(" | ").append(Figures.count(d.count())).append(" | ")
                        .append(Figures.pct(d.successRate())).append(" | ").append(Figures.range(d.ci())).append(" |\n");
            }
            b.append('\n');
        }
        b.append("## Action items\n\n");
        List<Recommendation> items = r.actionItemDetails();
        for (int i = 0; i < items.size(); i++) {
            b.append(i + 1).append(". ").append(escape(items.get(i).text())).append("  \n   *Evidence:* ")
                    .append(escape(items.get(i).evidence())).append('\n');
        }
        return b.toString();
    }

    private static void ranked(StringBuilder b, String title, List<RankedGroup> groups, int minSupport) {
        b.append("## ").append(title).append("\n\nGroups of at least ").append(minSupport)
                .append(" entries, ranked by success rate.\n\n");
        if (groups.isEmpty()) {
            b.append("None.\n\n");
            return;
        }
        b.append("| Kind | Name | Success rate | 95% interval | Entries | vs rest (points) | Significant |\n")
                .append("|---|---|---:|---|---:|---|---|\n");
        for (RankedGroup g : groups) {
            b.append("| ").append(g.kind()).append(" | ").append(escape(g.label())).append(" | ")
                    .append(Figures.pct(g.successRate())).append(" | ").append(Figures.range(g.ci())).append(" | ")
                    .append(Figures.count(g.count())).append(" | ").append(Figures.signedPoints(g.differenceVsRest())).append(' ')
                    .append(Figures.pointRange(g.differenceCi())).append(" | ").append(g.significant() ? "yes" : "no")
                    .append(" |\n");
        }
        b.append('\n');
    }

    /** Keeps user text (tag and framework names) from breaking tables or formatting. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
                .replace("<", "&lt;").replace("\n", " ");
    }
}
