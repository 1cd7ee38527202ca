package dev.feedbackloop.reporting;

import dev.feedbackloop.analysis.Interval;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number and date formatting shared by the report formats. */
final class Fmt {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private Fmt() {
    }

    static String pct(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p * 100);
    }

    static String range(Interval i) {
        return String.format(Locale.ROOT, "[%.1f%%, %.1f%%]", i.low() * 100, i.high() * 100);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String rating(double r) {
        return String.format(Locale.ROOT, "%.2f", r);
    }

    /** Signed points from a difference of proportions. */
    static String points(double difference) {
        return String.format(Locale.ROOT, "%+.1f", difference * 100);
    }

    /** An interval of a difference of proportions, in signed points. */
    static String pointRange(Interval i) {
        return String.format(Locale.ROOT, "[%+.1f, %+.1f]", i.low() * 100, i.high() * 100);
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
                c.ci().high(), c.significant() ? "significant" : "not significant", p(c.pValue()));
    }

    static String p(double p) {
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    static String title(ImprovementReport r) {
        return (r.kind().equals("weekly") ? "Weekly" : "Monthly") + " report " + r.period();
    }
}
