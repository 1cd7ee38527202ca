package dev.feedbackloop.analysis;

import dev.feedbackloop.InvalidInputException;
import java.util.List;

/**
 * What an analysis covers and how cautious it is.
 *
 * @param days        window length: the last {@code days} days ending now (1 to 3650)
 * @param minSamples  fewer entries in the window is an error (the specification's {@code min_samples})
 * @param minSupport  groups (and the rest they are compared with) smaller than this are reported
 *                    but never ranked or called significant
 * @param phraseSample entries sampled uniformly for phrase statistics (0 = no phrase analysis)
 * @param adjustFor   fields besides the task type to compare within ({@link #ADJUSTABLE}); each
 *                    splits every task type further
 */
public record AnalysisOptions(int days, int minSamples, int minSupport, int phraseSample, List<String> adjustFor) {
    /** Fields the comparisons can be adjusted for besides the task type. */
    public static final List<String> ADJUSTABLE = List.of("model", "framework");
    public static final int DEFAULT_DAYS = 7;
    public static final int DEFAULT_MIN_SAMPLES = 5;
    public static final int DEFAULT_MIN_SUPPORT = 30;
    public static final int DEFAULT_PHRASE_SAMPLE = 6000;
    public static final int MAX_DAYS = 3650;

    public AnalysisOptions {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInputException("days must be between 1 and " + MAX_DAYS + ", got " + days);
        }
        if (minSamples < 1) {
            throw new InvalidInputException("min samples must be at least 1, got " + minSamples);
        }
        if (minSupport < 1) {
            throw new InvalidInputException("min support must be at least 1, got " + minSupport);
        }
        if (phraseSample < 0 || phraseSample > 100_000) {
            throw new InvalidInputException("phrase sample must be between 0 and 100000, got " + phraseSample);
        }
        adjustFor = adjustFor == null ? List.of() : List.copyOf(adjustFor);
        for (String field : adjustFor) {
            if (!ADJUSTABLE.contains(field)) {
                throw new InvalidInputException("cannot adjust for '" + field + "': one of " + String.join(", ", ADJUSTABLE)
                        + " (the task type is always adjusted for)");
            }
        }
        if (new java.util.HashSet<>(adjustFor).size() != adjustFor.size()) {
            throw new InvalidInputException("adjust-for names a field twice: " + String.join(",", adjustFor));
        }
    }

    /** Adjusted for the task type only. */
    public AnalysisOptions(int days, int minSamples, int minSupport, int phraseSample) {
        this(days, minSamples, minSupport, phraseSample, List.of());
    }

    /** The specification's parameters with the default support and sample. */
    public static AnalysisOptions of(int days, int minSamples) {
        return new AnalysisOptions(days, minSamples, DEFAULT_MIN_SUPPORT, DEFAULT_PHRASE_SAMPLE);
    }

    /** Key in {@code pattern_cache}: the parameters and the format version of the cached JSON. */
    String cacheKey() {
        return "analysis/v2/days=" + days + "/min_samples=" + minSamples + "/min_support=" + minSupport
                + "/phrase_sample=" + phraseSample + (adjustFor.isEmpty() ? "" : "/adjust_for=" + String.join(",", adjustFor));
    }
}
