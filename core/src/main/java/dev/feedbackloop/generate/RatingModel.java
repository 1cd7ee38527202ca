package dev.feedbackloop.generate;

import dev.feedbackloop.capture.PromptFeature;
import java.util.Map;

/**
 * The rating model behind generated feedback: what an honest analysis of it should find.
 * {@code rating = clamp(round(base + fit(task, framework) + model effect + sum of feature effects
 * + vague effect (if vague) + trend * (position in window - 0.5) + N(0, noiseSd)), 1, 5)}.
 * Thumbs agree with the rating ({@code >= 4} up, {@code <= 2} down) except with probability
 * {@code thumbsFlip}; a 3 is up with probability {@code thumbsUpAtThree}.
 *
 * @param fit            rating offset per task type and framework; pairs not listed get {@code defaultFit}
 * @param featureEffects rating offset of each prompt feature the generator plants
 * @param vagueEffect    rating offset of a vague prompt (one with no planted features)
 * @param modelEffects   rating offset per model
 * @param trend          rating drift from the oldest to the newest entry of the window
 */
public record RatingModel(
        double base,
        double noiseSd,
        Map<String, Map<String, Double>> fit,
        double defaultFit,
        Map<PromptFeature, Double> featureEffects,
        double vagueEffect,
        Map<String, Double> modelEffects,
        double trend,
        double thumbsFlip,
        double thumbsUpAtThree) {

    public RatingModel {
        fit = Map.copyOf(fit);
        featureEffects = Map.copyOf(featureEffects);
        modelEffects = Map.copyOf(modelEffects);
    }

    /** Rating offset of a framework on a task type. */
    public double fit(String taskType, String framework) {
        return fit.getOrDefault(taskType, Map.of()).getOrDefault(framework, defaultFit);
    }

    /** The mean of the rating before noise, rounding and clamping. */
    public double mean(String taskType, String framework, String model, Iterable<PromptFeature> features,
                       boolean vague, double position) {
        double mu = base + fit(taskType, framework) + modelEffects.getOrDefault(model, 0.0)
                + trend * (position - 0.5) + (vague ? vagueEffect : 0.0);
        for (PromptFeature f : features) {
            mu += featureEffects.getOrDefault(f, 0.0);
        }
        return mu;
    }

    static final RatingModel DEFAULT = new RatingModel(3.15, 0.85,
            Map.of(
                    "code", Map.of("code-generation-chain", 0.65, "chain-of-thought", 0.2, "few-shot", 0.15,
                            "direct-answer", -0.45),
                    "debugging", Map.of("chain-of-thought", 0.5, "code-generation-chain", 0.4,
                            "first-principles", 0.3, "direct-answer", -0.5),
                    "math", Map.of("chain-of-thought", 0.7, "first-principles", 0.45, "direct-answer", -0.7),
                    "explanation", Map.of("first-principles", 0.4, "chain-of-thought", 0.2, "direct-answer", 0.05,
                            "content-creation-chain", -0.1),
                    "planning", Map.of("structured-prompting", 0.45, "first-principles", 0.1,
                            "direct-answer", -0.4),
                    "writing", Map.of("content-creation-chain", 0.55, "few-shot", 0.25, "direct-answer", -0.2),
                    "summary", Map.of("structured-prompting", 0.3, "direct-answer", 0.15, "few-shot", 0.1,
                            "chain-of-thought", -0.05)),
            -0.25,
            Map.of(PromptFeature.EXAMPLES, 0.35, PromptFeature.CONSTRAINTS, 0.25, PromptFeature.FORMAT_SPEC, 0.30,
                    PromptFeature.STEPS, 0.25, PromptFeature.CONTEXT, 0.15),
            -1.1,
            Map.of("claude-sonnet-4", 0.10, "claude-opus-4", 0.25, "claude-3-5-haiku", -0.15, "gpt-4o", 0.05,
                    "gpt-4o-mini", -0.20),
            0.40, 0.10, 0.45);
}
