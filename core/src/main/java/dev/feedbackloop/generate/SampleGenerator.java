package dev.feedbackloop.generate;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.capture.FeedbackIds;
import dev.feedbackloop.capture.PromptFeature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;

/**
 * Realistic sample feedback with known, planted effects ({@link #describe()}): prompts for seven task
 * types with optional parts (context, examples, constraints, a format spec, steps) that
 * {@link PromptFeature} detects, outputs, ratings drawn from the {@link RatingModel}, thumbs that
 * mostly agree, tags, context ({@code framework}, {@code model}, often {@code task_type} and
 * {@code confidence}) and sometimes notes. Timestamps rise through the window, denser towards its end.
 * Deterministic: the same settings give the same entries, ids included. Each iteration starts over.
 */
public final class SampleGenerator implements Iterable<SampleGenerator.Sample> {
    static final Weighted<String> TASKS = Weighted.of("code", 0.20, "debugging", 0.08, "math", 0.12,
            "explanation", 0.20, "planning", 0.10, "writing", 0.15, "summary", 0.15);
    static final Weighted<String> MODELS = Weighted.of("claude-sonnet-4", 0.35, "claude-opus-4", 0.12,
            "claude-3-5-haiku", 0.15, "gpt-4o", 0.22, "gpt-4o-mini", 0.16);
    static final List<String> FRAMEWORKS = List.of("chain-of-thought", "few-shot", "code-generation-chain",
            "structured-prompting", "first-principles", "content-creation-chain", "direct-answer");
    private static final Map<String, Weighted<String>> PREFERRED = Map.of(
            "code", Weighted.of("code-generation-chain", 5, "chain-of-thought", 2, "few-shot", 1, "direct-answer", 2),
            "debugging", Weighted.of("chain-of-thought", 3, "code-generation-chain", 3, "direct-answer", 2,
                    "first-principles", 1),
            "math", Weighted.of("chain-of-thought", 5, "first-principles", 2, "direct-answer", 2),
            "explanation", Weighted.of("direct-answer", 3, "first-principles", 2, "chain-of-thought", 2, "few-shot", 1),
            "planning", Weighted.of("structured-prompting", 3, "first-principles", 1, "direct-answer", 2),
            "writing", Weighted.of("content-creation-chain", 4, "few-shot", 1, "direct-answer", 2),
            "summary", Weighted.of("structured-prompting", 2, "direct-answer", 3, "few-shot", 1));
    /** Planted features in prompt order, with the probability of each. */
    private static final Map<PromptFeature, Double> FEATURE_ODDS = orderedOdds();
    private static final double VAGUE_ODDS = 0.05;

    private final Settings settings;

    /**
     * @param count  entries to generate (0 or more)
     * @param days   length of the window ending at {@code anchor} (more than 0)
     * @param anchor the end of the window (entries are before it)
     */
    public record Settings(int count, double days, long seed, Instant anchor) {
        public Settings {
            if (count < 0) {
                throw new InvalidInputException("count must be 0 or more, got " + count);
            }
            if (!(days > 0) || days > 36_500) {
                throw new InvalidInputException("days must be more than 0 (and at most 36500), got " + days);
            }
            anchor = java.util.Objects.requireNonNull(anchor, "anchor").truncatedTo(ChronoUnit.MICROS);
        }
    }

    /** One generated entry and what was planted in it. {@code features} is empty for a vague prompt. */
    public record Sample(FeedbackEntry entry, String taskType, Set<PromptFeature> features, boolean vague) {
    }

    public SampleGenerator(Settings settings) {
        this.settings = settings;
    }

    /** The rating model the samples are drawn from: what an analysis of them should find. */
    public static RatingModel describe() {
        return RatingModel.DEFAULT;
    }

    public static List<String> taskTypes() {
        return TASKS.items();
    }

    public static List<String> frameworks() {
        return FRAMEWORKS;
    }

    public static List<String> models() {
        return MODELS.items();
    }

    @Override
    public Iterator<Sample> iterator() {
        Random r = new Random(settings.seed());
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < settings.count();
            }

            @Override
            public Sample next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return sample(i++, r);
            }
        };
    }

    private Sample sample(int i, Random r) {
        double x = position(i, r);
        String task = TASKS.draw(r);
        String framework = r.nextDouble() < 0.75 ? PREFERRED.get(task).draw(r) : PromptTexts.pick(r, FRAMEWORKS);
        String model = MODELS.draw(r);
        List<String> tags = new ArrayList<>();
        if (r.nextDouble() < 0.95) {
            tags.add(task);
        }
        boolean vague = r.nextDouble() < VAGUE_ODDS;
        Set<PromptFeature> features = EnumSet.noneOf(PromptFeature.class);
        String prompt = vague ? PromptTexts.pick(r, PromptTexts.VAGUE) : prompt(task, r, tags, features);
        RatingModel m = describe();
        double mu = m.mean(task, framework, model, features, vague, x);
        int rating = (int) Math.max(1, Math.min(5, Math.round(mu + r.nextGaussian() * m.noiseSd())));
        boolean thumbs = rating == 3 ? r.nextDouble() < m.thumbsUpAtThree() : (rating >= 4) != (r.nextDouble() < m.thumbsFlip());
        SampleTags.addPlanted(tags, features, vague, rating, r);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(FeedbackEntry.FRAMEWORK, framework);
        context.put(FeedbackEntry.MODEL, model);
        if (r.nextDouble() < 0.7) {
            context.put(FeedbackEntry.TASK_TYPE, task);
        }
        if (r.nextDouble() < 0.6) {
            context.put("confidence", Math.round(Math.min(0.99, Math.max(0.05, 0.45 + 0.1 * rating
                    + r.nextGaussian() * 0.12)) * 1000) / 1000.0);
        }
        String output = OutputTexts.output(task, rating, r);
        String notes = r.nextDouble() < 0.3 ? OutputTexts.note(rating, r) : null;
        Instant timestamp = settings.anchor().minusNanos((long) ((1 - x) * settings.days() * 86_400e9))
                .truncatedTo(ChronoUnit.MICROS);
        FeedbackEntry entry = new FeedbackEntry(prompt, output, rating, thumbs, tags, timestamp, context,
                id(timestamp, r), notes);
        return new Sample(entry, task, features, vague);
    }

    private static String prompt(String task, Random r, List<String> tags, Set<PromptFeature> features) {
        List<String> parts = new ArrayList<>();
        String core = PromptTexts.core(task, r, tags);
        for (Map.Entry<PromptFeature, Double> f : FEATURE_ODDS.entrySet()) {
            if (r.nextDouble() < f.getValue()) {
                features.add(f.getKey());
                parts.add(PromptTexts.pick(r, PromptTexts.FEATURE_PARTS.get(f.getKey())));
            }
        }
        parts.add(features.contains(PromptFeature.CONTEXT) ? 1 : 0, core);
        return String.join(r.nextBoolean() ? " " : "\n\n", parts);
    }

    /** Rising, stratified position in [0, 1) with density 1 + x/2 (more feedback lately). */
    private double position(int i, Random r) {
        double u = (i + r.nextDouble()) / Math.max(1, settings.count());
        double g = 0.5;
        return (-1 + Math.sqrt(1 + 2 * g * u * (1 + g / 2))) / g;
    }

    /** A UUID version 7 for the timestamp, its random bits from the seeded generator. */
    private static String id(Instant timestamp, Random r) {
        return FeedbackIds.uuid7(timestamp.toEpochMilli(), r.nextInt(), r.nextLong());
    }

    private static Map<PromptFeature, Double> orderedOdds() {
        Map<PromptFeature, Double> odds = new LinkedHashMap<>();
        odds.put(PromptFeature.CONTEXT, 0.35);
        odds.put(PromptFeature.EXAMPLES, 0.25);
        odds.put(PromptFeature.CONSTRAINTS, 0.35);
        odds.put(PromptFeature.FORMAT_SPEC, 0.25);
        odds.put(PromptFeature.STEPS, 0.25);
        return odds;
    }
}
