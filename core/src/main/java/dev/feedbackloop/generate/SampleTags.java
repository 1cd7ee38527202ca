package dev.feedbackloop.generate;

import dev.feedbackloop.capture.PromptFeature;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** The tags of a generated entry beyond task and domain: feature tags and quality tags that follow the rating. */
final class SampleTags {
    private static final Map<PromptFeature, String> FEATURE_TAGS = Map.of(PromptFeature.EXAMPLES, "examples",
            PromptFeature.CONSTRAINTS, "constraints", PromptFeature.FORMAT_SPEC, "structured-output",
            PromptFeature.STEPS, "step-by-step");
    private static final List<PromptFeature> ORDER = List.of(PromptFeature.EXAMPLES, PromptFeature.CONSTRAINTS,
            PromptFeature.FORMAT_SPEC, PromptFeature.STEPS);
    private static final List<String> GOOD = List.of("helpful", "accurate", "concise", "well-structured");
    private static final List<String> BAD = List.of("incorrect", "hallucination", "off-topic", "incomplete");
    private static final List<String> MIDDLING = List.of("verbose", "generic", "incomplete");

    private SampleTags() {
    }

    static void addPlanted(List<String> tags, Set<PromptFeature> features, boolean vague, int rating, Random r) {
        for (PromptFeature f : ORDER) {
            if (features.contains(f) && r.nextDouble() < 0.4) {
                tags.add(FEATURE_TAGS.get(f));
            }
        }
        if (vague && r.nextDouble() < 0.6) {
            tags.add("vague");
        }
        if (rating >= 4 && r.nextDouble() < 0.4) {
            tags.add(PromptTexts.pick(r, GOOD));
        } else if (rating <= 2 && r.nextDouble() < 0.6) {
            tags.add(PromptTexts.pick(r, BAD));
        } else if (rating == 3 && r.nextDouble() < 0.3) {
            tags.add(PromptTexts.pick(r, MIDDLING));
        }
    }
}
