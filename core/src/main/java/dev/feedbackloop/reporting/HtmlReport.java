package dev.feedbackloop.reporting;

import dev.feedbackloop.analysis.Figures;
import dev.feedbackloop.analysis.Recommendation;
import dev.feedbackloop.reporting.ImprovementReport.RankedGroup;
import java.time.ZoneId;
import java.util.List;

/**
 * A report as one self-contained HTML file: inline CSS and inline SVG charts, no scripts, no
 * fonts or images from elsewhere, so it opens in a browser without network.
 */
final class HtmlReport {
    private static final String CSS = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
            + "margin:2rem auto;max-width:820px;color:#222;padding:0 1rem}h1{font-size:1.6rem}h2{font-size:1.2rem;"
            + "margin-top:2rem;border-bottom:1px solid #ddd}.cards{display:flex;flex-wrap:wrap;gap:.8rem}"
            + ".card{border:1px solid #ddd;border-radius:6px;padding:.6rem .9rem;min-width:150px}"
            + ".card b{display:block;font-size:1.3rem}.muted{color:#666;font-size:.85rem}"
            + "table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border-bottom:1px solid #eee;"
            + "padding:.3rem .4rem;text-align:left}td.n{text-align:right}.chart{margin:1rem 0}"
            + ".chart svg{max-width:100%;height:auto}li{margin-bottom:.6rem}";

    private HtmlReport() {
    }

    static String render(ImprovementReport r, ZoneId zone) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(Fmt.title(r))).append("</title><style>").append(CSS)
                .append("</style></head><body>\n");
        b.append("<h1>").append(esc(Fmt.title(r))).append("</h1><p class=\"muted\">")
                .append(esc(Fmt.time(r.startDate(), zone))).append(" to ").append(esc(Fmt.time(r.endDate(), zone)))
                .append(" (").append(esc(zone.getId())).append("), end exclusive</p>\n<div class=\"cards\">");
        card(b, "Prompts", Figures.count(r.totalPrompts()), "");
        card(b, "Success rate", Figures.pct(r.successRate()), "95% interval " + Figures.range(r.successRateCi()));
        card(b, "Average rating", Fmt.rating(r.avgRating()) + " / 5", "");
        card(b, "Change vs " + r.previous().period() + " (relative)", Fmt.improvement(r), Fmt.change(r.change()));
        b.append("</div>\n");
        b.append("<h2>Charts</h2>");
        if (!r.daily().isEmpty()) {
            chart(b, "chart-daily", ReportCharts.daily(r.daily(), zone, "chart-daily-svg"));
        }
        if (!r.frameworkPerformance().isEmpty()) {
            chart(b, "chart-frameworks", ReportCharts.groups("Success rate by framework", r.frameworkPerformance(),
                    r.successRate(), "chart-frameworks-svg"));
        }
        if (!r.tagPerformance().isEmpty()) {
            chart(b, "chart-tags", ReportCharts.groups("Success rate by tag", r.tagPerformance(), r.successRate(),
                    "chart-tags-svg"));
        }
        if (r.totalPrompts() == 0) {
            b.append("<p>No feedback in this period.</p>");
        }
        ranked(b, "Top performers", "top-performers", r.topPerformers(), r.minSupport());
        ranked(b, "Problem areas", "problem-areas", r.problemAreas(), r.minSupport());
        b.append("<h2>Action items</h2><ol id=\"action-items\">");
        for (Recommendation item : r.actionItemDetails()) {
            b.append("<li>").append(esc(item.text())).append("<br><span class=\"muted\">")
                    .append(esc(item.evidence())).append("</span></li>");
        }
        b.append("</ol>\n<p class=\"muted\">Success = rating 4-5 with thumbs up. Intervals are 95% Wilson score "
                + "intervals; differences use Newcombe's method; significance controls the false discovery rate "
                + "(Benjamini-Hochberg, 5%).</p>\n</body></html>\n");
        return b.toString();
    }

    private static void card(StringBuilder b, String label, String value, String note) {
        b.append("<div class=\"card\"><span class=\"muted\">").append(esc(label)).append("</span><b>")
                .append(esc(value)).append("</b><span class=\"muted\">").append(esc(note)).append("</span></div>");
    }

    private static void chart(StringBuilder b, String id, String svg) {
        b.append("<figure class=\"chart\" id=\"").append(id).append("\">").append(svg).append("</figure>\n");
    }

    private static void ranked(StringBuilder b, String title, String id, List<RankedGroup> groups, int minSupport) {
        b.append("<h2>").append(title).append("</h2><p class=\"muted\">Groups of at least ").append(minSupport)
                .append(" entries, ranked by success rate.</p>");
        if (groups.isEmpty()) {
            b.append("<p id=\"").append(id).append("\">None.</p>");
            return;
        }
        b.append("<table id=\"").append(id).append("\"><tr><th>Kind</th><th>Name</th><th>Success rate</th>")
                .append("<th>95% interval</th><th>Entries</th><th>vs rest</th><th>Significant</th></tr>");
        for (RankedGroup g : groups) {
            b.append("<tr><td>").append(esc(g.kind())).append("</td><td>").append(esc(g.label()))
                    .append("</td><td class=\"n\">").append(Figures.pct(g.successRate())).append("</td><td>")
                    .append(Figures.range(g.ci())).append("</td><td class=\"n\">").append(Figures.count(g.count()))
                    .append("</td><td>").append(Figures.signedPoints(g.differenceVsRest())).append(" pts ")
                    .append(Figures.pointRange(g.differenceCi())).append("</td><td>")
                    .append(g.significant() ? "yes" : "no").append("</td></tr>");
        }
        b.append("</table>");
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
