package dev.feedbackloop.analysis;

import java.time.Duration;
import java.time.Instant;

/** The half-open time range [start, end) an analysis or report covered. */
public record AnalysisWindow(Instant start, Instant end, double days) {
    /** How far, in parts of its length, a rolling range may slide before a cached result for it is renewed. */
    private static final int STALE_AFTER = 100;

    /**
     * Whether a cached result for a rolling range of {@code length} that ended at {@code wasEnd} is handed
     * out as it was for the range ending at {@code end}: while the range slid forward by at most 1/100 of
     * its length (1.7 hours for a week, 7.2 for 30 days). Entries only age out of a rolling range, on a busy
     * store every few seconds, so an exact answer would never be cached; the analysis and the reports share
     * this rule.
     */
    public static boolean stillAsItWas(Instant wasEnd, Instant end, Duration length) {
        Duration slid = Duration.between(wasEnd, end);
        return !slid.isNegative() && slid.compareTo(length.dividedBy(STALE_AFTER)) <= 0;
    }
}
