package dev.feedbackloop.analysis;

/**
 * One comparison: a group (feature present, framework, tag, model, phrase) against the rest.
 *
 * @param kind      one of feature, framework, tag, model, phrase
 * @param effect    success rate with minus without, as a proportion; positive = better when present
 * @param ci        95% interval of {@code effect}
 * @param pValue    two-sided p-value of no difference
 * @param qValue    Benjamini-Hochberg adjusted p-value over all comparisons of one analysis
 * @param significant q &le; 0.05 and support at least the minimum
 * @param support   entries in the group
 * @param rateWith  success rate in the group
 * @param rateWithout success rate in the rest
 * @param supportWithout entries in the rest
 */
public record Finding(
        String kind,
        String name,
        double effect,
        Interval ci,
        double pValue,
        double qValue,
        boolean significant,
        long support,
        double rateWith,
        double rateWithout,
        long supportWithout) {

    public static final String FEATURE = "feature";
    public static final String FRAMEWORK = "framework";
    public static final String TAG = "tag";
    public static final String MODEL = "model";
    public static final String PHRASE = "phrase";

    /** 95% Wilson interval of the rate in the group (reconstructed from rate and support). */
    public Interval ciWith() {
        return dev.feedbackloop.analysis.stats.Proportions.wilson(Math.round(rateWith * support), support);
    }

    /** 95% Wilson interval of the rate in the rest. */
    public Interval ciWithout() {
        return dev.feedbackloop.analysis.stats.Proportions.wilson(Math.round(rateWithout * supportWithout),
                supportWithout);
    }
}
