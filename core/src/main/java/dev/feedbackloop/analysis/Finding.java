package dev.feedbackloop.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One comparison: a group (feature present, framework, tag, model, phrase) against the rest. When
 * the window's task types are known, the comparison is made within task types and pooled
 * (Mantel-Haenszel, {@link dev.feedbackloop.analysis.stats.MantelHaenszel}): {@code effect},
 * {@code ci}, {@code pValue}, {@code qValue} and {@code significant} are the adjusted figures and
 * {@code raw} keeps the plain comparison with the rest of the window.
 *
 * @param kind      one of feature, framework, tag, model, phrase
 * @param effect    difference in success rate (with minus without) within task types, pooled, as a
 *                  proportion; positive = better when present. The raw difference when not stratified
 * @param ci        95% interval of {@code effect}
 * @param pValue    two-sided p-value of no difference (Cochran-Mantel-Haenszel when stratified)
 * @param qValue    Benjamini-Hochberg adjusted p-value over all comparisons of one analysis
 * @param significant q &le; 0.05 and support at least the minimum
 * @param support   entries in the group
 * @param rateWith  success rate in the group
 * @param rateWithout success rate in the rest
 * @param supportWithout entries in the rest
 * @param taskType  null for a comparison over the whole window; else the task type (stratum) it is
 *                  limited to: such findings are reported when the difference depends on the task
 *                  type ({@code interaction} of the pooled finding)
 * @param raw       the comparison with the rest of the window, ignoring task types; null when it is
 *                  the same comparison (not stratified, or a finding per task type)
 * @param interactionPValue Cochran's Q p-value of "the same difference in every task type"; null
 *                  when fewer than two task types have enough entries on both sides
 * @param interaction the difference significantly depends on the task type (q of the Q test at most
 *                  0.05) and does not point the same way, significantly, in every task type with
 *                  enough entries: read the findings per task type rather than the pooled one
 * @param note      in words, when raw and adjusted comparisons disagree or the effect depends on
 *                  the task type; null otherwise
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
        long supportWithout,
        String taskType,
        Raw raw,
        @JsonProperty("interaction_p_value") Double interactionPValue,
        boolean interaction,
        String note) {

    /** The comparison with the rest of the window, task types ignored. */
    public record Raw(double effect, Interval ci, double pValue, double qValue, boolean significant) {
    }

    /** A comparison that was not stratified. */
    public Finding(String kind, String name, double effect, Interval ci, double pValue, double qValue,
            boolean significant, long support, double rateWith, double rateWithout, long supportWithout) {
        this(kind, name, effect, ci, pValue, qValue, significant, support, rateWith, rateWithout, supportWithout,
                null, null, null, false, null);
    }

    /** The raw comparison: {@link #raw} when there is one, else this finding's own figures. */
    public Raw rawOrSelf() {
        return raw != null ? raw : new Raw(effect, ci, pValue, qValue, significant);
    }

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
