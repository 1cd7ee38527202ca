package dev.feedbackloop.alerts;

import dev.feedbackloop.InvalidInputException;

/**
 * How the drop monitor watches (docs/alerts.md).
 *
 * @param horizonDays   daily looks per watch before the baseline is renewed (the T of the guarantee)
 * @param baselineDays  days before a watch whose rate is its baseline
 * @param alpha         the chance of any false alarm in one watch, across every group watched
 * @param minSupport    votes a group needs in the baseline to be watched
 * @param fixedBaseline a success rate (0-1) every group is held to instead of its own baseline; null: each group's own
 */
public record AlertSettings(int horizonDays, int baselineDays, double alpha, int minSupport, Double fixedBaseline) {
    public static final AlertSettings DEFAULT = new AlertSettings(90, 56, 0.05, 200, null);

    /** @throws InvalidInputException for values out of range */
    public AlertSettings {
        if (horizonDays < 1 || horizonDays > 366 || baselineDays < 7 || baselineDays > 366) {
            throw new InvalidInputException("alert horizon must be 1-366 days and baseline 7-366 days");
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new InvalidInputException("alert alpha must be in (0, 0.5): " + alpha);
        }
        if (minSupport < 1) {
            throw new InvalidInputException("alert minimum support must be at least 1");
        }
        if (fixedBaseline != null && !(fixedBaseline > 0 && fixedBaseline < 1)) {
            throw new InvalidInputException("a fixed baseline is a success rate between 0 and 1 (exclusive): " + fixedBaseline);
        }
    }

    public AlertSettings withFixedBaseline(Double rate) {
        return new AlertSettings(horizonDays, baselineDays, alpha, minSupport, rate);
    }
}
