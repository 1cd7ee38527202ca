package dev.feedbackloop.reporting;

import dev.feedbackloop.analysis.Figures;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Date and report-level formatting shared by the report formats (numbers: {@link Figures}). */
final class Fmt {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private Fmt() {
    }

    static String rating(double r) {
        return String.format(Locale.ROOT, "%.2f", r);
    }

    static String time(Instant t, ZoneId zone) {
        return MINUTE.format(t.atZone(zone));
    }

    static String improvement(ImprovementReport r) {
        return r.improvementVsPrevious() == null ? "n/a (no previous data)"
                : String.format(Locale.ROOT, "%+.1f%%", r.improvementVsPrevious());
    }

    /** "+1.4 points [+0.1, +2.7], significant (p = 0.0310)" or why there is none. */
    static String change(ImprovementReport.Change c) {
        if (c == null) {
            return "no comparison (a period without entries)";
        }
        return String.format(Locale.ROOT, "%+.1f points [%+.1f, %+.1f], %s (p = %s)", c.points(), c.ci().low(),
                c.ci().high(), c.significant() ? "significant" : "not significant", Figures.p(c.pValue()));
    }

    static String title(ImprovementReport r) {
        return (r.kind().equals("weekly") ? "Weekly" : "Monthly") + " report " + r.period();
    }
}
