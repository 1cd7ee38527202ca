package dev.feedbackloop.reporting;

import dev.feedbackloop.analysis.Figures;
import dev.feedbackloop.analysis.Recommendation;
import dev.feedbackloop.reporting.ImprovementReport.DailyPoint;
import dev.feedbackloop.reporting.ImprovementReport.RankedGroup;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** A report as plain text for a terminal, with small bar charts. */
final class TextReport {
    private static final int BAR = 30;

    private TextReport() {
    }

    static String render(ImprovementReport r, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        b.append(Fmt.title(r)).append(": ").append(Fmt.time(r.startDate(), zone)).append(" to ")
                .append(Fmt.time(r.endDate(), zone)).append(" (").append(zone.getId()).append(")\n\n");
        line(b, "Prompts", Figures.count(r.totalPrompts()));
        line(b, "Average rating", Fmt.rating(r.avgRating()) + " / 5");
        line(b, "Success rate", Figures.pct(r.successRate()) + " " + Figures.range(r.successRateCi()));
        line(b, "Previous " + r.previous().period(), Figures.pct(r.previous().successRate()) + " of "
                + Figures.count(r.previous().totalPrompts()));
        line(b, "Improvement", Fmt.improvement(r) + " relative; " + Fmt.change(r.change()));
        ranked(b, "Top performers", r.topPerformers(), r.minSupport());
        ranked(b, "Problem areas", r.problemAreas(), r.minSupport());
        if (!r.daily().isEmpty()) {
            b.append("\nDaily success rate\n");
            for (DailyPoint d : r.daily()) {
                b.append(String.format(Locale.ROOT, "  %s  %-" + BAR + "s %6s  n=%s%n", d.date(), bar(d.successRate()),
                        Figures.pct(d.successRate()), Figures.count(d.count())));
            }
        }
        b.append("\nAction items\n");
        List<Recommendation> items = r.actionItemDetails();
        for (int i = 0; i < items.size(); i++) {
            b.append(String.format(Locale.ROOT, "  %d. %s%n     evidence: %s%n", i + 1, items.get(i).text(),
                    items.get(i).evidence()));
        }
        return b.toString();
    }

    private static void ranked(StringBuilder b, String title, List<RankedGroup> groups, int minSupport) {
        b.append('\n').append(title).append(" (groups of at least ").append(minSupport)
                .append(" entries, by success rate; * = differs from the rest after FDR control)\n");
        if (groups.isEmpty()) {
            b.append("  none\n");
        }
        for (RankedGroup g : groups) {
            b.append(String.format(Locale.ROOT, "  %-9s %-26s %6s %-16s n=%-8s %s pts vs rest%s%n", g.kind(),
                    g.label(), Figures.pct(g.successRate()), Figures.range(g.ci()), Figures.count(g.count()),
                    Figures.signedPoints(g.differenceVsRest()), g.significant() ? " *" : ""));
        }
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format(Locale.ROOT, "%-22s %s%n", label + ":", value));
    }

    static String bar(double share) {
        int eighths = (int) Math.round(Math.max(0, Math.min(1, share)) * BAR * 8);
        String partial = " ▏▎▍▌▋▊▉".substring(eighths % 8, eighths % 8 + 1).strip();
        return "█".repeat(eighths / 8) + partial;
    }
}
