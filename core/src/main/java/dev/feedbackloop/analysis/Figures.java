package dev.feedbackloop.analysis;

import java.util.Locale;

/**
 * How rates, differences and p-values are written in every human-facing text (analysis, reports,
 * suggestions, the command line), so the same number reads the same everywhere. Locale-independent.
 */
public final class Figures {
    private Figures() {
    }

    /** A proportion as a percentage: 0.512 -> "51.2%". */
    public static String pct(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p * 100);
    }

    /** An interval of proportions: "[49.4%, 53.0%]". */
    public static String range(Interval i) {
        return range(i.low(), i.high());
    }

    public static String range(double low, double high) {
        return String.format(Locale.ROOT, "[%.1f%%, %.1f%%]", low * 100, high * 100);
    }

    /** A difference of proportions in points, unsigned: 0.123 -> "12.3". */
    public static String points(double difference) {
        return String.format(Locale.ROOT, "%.1f", difference * 100);
    }

    /** A difference of proportions in signed points: 0.123 -> "+12.3". */
    public static String signedPoints(double difference) {
        return String.format(Locale.ROOT, "%+.1f", difference * 100);
    }

    /** An interval of a difference of proportions, in signed points: "[+7.7, +23.0]". */
    public static String pointRange(Interval i) {
        return String.format(Locale.ROOT, "[%+.1f, %+.1f]", i.low() * 100, i.high() * 100);
    }

    /** A p- or q-value: "0.0310", or "<0.0001". */
    public static String p(double p) {
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    /** A number as short as it reads: "30" for 30.0, "2.5" for 2.5. */
    public static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** A count with thousands separators: "1,037". */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
