package dev.feedbackloop.testdata;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.FeedbackStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic test feedback with planted effects on the success probability. Each entry gets a
 * random framework, model, tags and prompt parts; its probability of being positive is the base
 * rate plus the effects of what it has (clamped to [0.02, 0.98]). Positive = rating 4-5 with thumbs
 * up; negative = rating 1-2 with thumbs down; neutral = rating 3 with thumbs up. Same seed, same
 * entries.
 */
public final class SyntheticFeedback {
    private static final String[] VERBS = {"Explain", "Summarize", "Write", "Review", "Compare", "Draft", "Describe"};
    private static final String[] TOPICS = {"a sorting algorithm", "the database index", "a marketing email",
        "the quarterly report", "unit tests for a parser", "a travel plan", "a budget for a small team",
        "the release notes", "a hiring plan", "the caching layer", "a product launch", "the onboarding guide"};
    private static final String[] NOTES_GOOD = {"Clear and concise", "Exactly what I needed", "Great answer"};
    private static final String[] NOTES_BAD = {"Missed the point", "Wrong answer", "Too vague to use"};

    private final long seed;
    private int count = 1000;
    private Instant start = Instant.parse("2026-11-01T00:00:00Z");
    private Instant end = Instant.parse("2026-11-29T00:00:00Z");
    private double baseRate = 0.4;
    private double examplesShare = 0.4;
    private double examplesEffect;
    private double phraseShare = 0.2;
    private String phrase = "legacy system";
    private double phraseEffect;
    private final Map<String, Double> frameworks = new LinkedHashMap<>();
    private final Map<String, Double> models = new LinkedHashMap<>();
    private final Map<String, Double> tags = new LinkedHashMap<>();

    private SyntheticFeedback(long seed) {
        this.seed = seed;
        for (String f : new String[] {"chain-of-thought", "few-shot", "direct-answer", "structured-prompting"}) {
            frameworks.put(f, 0.0);
        }
        for (String m : new String[] {"claude-sonnet-4", "gpt-4o", "claude-3-5-haiku"}) {
            models.put(m, 0.0);
        }
        for (String t : new String[] {"code", "writing", "planning", "analysis", "data"}) {
            tags.put(t, 0.0);
        }
    }

    public static SyntheticFeedback seed(long seed) {
        return new SyntheticFeedback(seed);
    }

    public SyntheticFeedback count(int n) {
        this.count = n;
        return this;
    }

    /** Timestamps uniform in [start, end). */
    public SyntheticFeedback between(Instant from, Instant to) {
        this.start = from;
        this.end = to;
        return this;
    }

    public SyntheticFeedback baseRate(double p) {
        this.baseRate = p;
        return this;
    }

    /** Prompts with "For example, ..." in {@code share} of entries, changing the success probability by {@code effect}. */
    public SyntheticFeedback examples(double share, double effect) {
        this.examplesShare = share;
        this.examplesEffect = effect;
        return this;
    }

    /** {@code text} in {@code share} of prompts, changing the success probability by {@code effect}. */
    public SyntheticFeedback phrase(String text, double share, double effect) {
        this.phrase = text;
        this.phraseShare = share;
        this.phraseEffect = effect;
        return this;
    }

    /** Adds (or changes) a framework, chosen uniformly among all, with an effect on the success probability. */
    public SyntheticFeedback framework(String name, double effect) {
        frameworks.put(name, effect);
        return this;
    }

    public SyntheticFeedback model(String name, double effect) {
        models.put(name, effect);
        return this;
    }

    public SyntheticFeedback tag(String name, double effect) {
        tags.put(name, effect);
        return this;
    }

    public List<FeedbackEntry> build() {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> fw = new ArrayList<>(frameworks.keySet());
        List<String> md = new ArrayList<>(models.keySet());
        List<String> tg = new ArrayList<>(tags.keySet());
        long span = Duration.between(start, end).toNanos() / 1000;
        List<FeedbackEntry> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String framework = fw.get(r.nextInt(fw.size()));
            String model = md.get(r.nextInt(md.size()));
            List<String> entryTags = new ArrayList<>();
            for (String t : tg) {
                if (r.nextDouble() < 0.3) {
                    entryTags.add(t);
                }
            }
            boolean examples = r.nextDouble() < examplesShare;
            boolean hasPhrase = r.nextDouble() < phraseShare;
            double p = baseRate + frameworks.get(framework) + models.get(model)
                    + (examples ? examplesEffect : 0) + (hasPhrase ? phraseEffect : 0);
            for (String t : entryTags) {
                p += tags.get(t);
            }
            p = Math.max(0.02, Math.min(0.98, p));
            double u = r.nextDouble();
            int rating;
            boolean up;
            String notes = null;
            if (u < p) {
                rating = 4 + r.nextInt(2);
                up = true;
                notes = r.nextDouble() < 0.3 ? NOTES_GOOD[r.nextInt(NOTES_GOOD.length)] : null;
            } else if (u < p + (1 - p) * 0.8) {
                rating = 1 + r.nextInt(2);
                up = false;
                notes = r.nextDouble() < 0.3 ? NOTES_BAD[r.nextInt(NOTES_BAD.length)] : null;
            } else {
                rating = 3;
                up = true;
            }
            String prompt = VERBS[r.nextInt(VERBS.length)] + " " + TOPICS[r.nextInt(TOPICS.length)]
                    + (hasPhrase ? " for our " + phrase : "") + "."
                    + (examples ? " For example, show one small case." : "");
            out.add(FeedbackEntry.builder(prompt, "output " + i, rating)
                    .thumbsUp(up)
                    .tags(entryTags)
                    .framework(framework)
                    .model(model)
                    .notes(notes)
                    .timestamp(start.plusNanos(1000 * (long) (r.nextDouble() * span)))
                    .feedbackId(String.format("t-%d-%06d", seed, i))
                    .build());
        }
        return out;
    }

    /** Builds and stores the entries in one transaction; returns them. */
    public List<FeedbackEntry> into(FeedbackStore store) {
        List<FeedbackEntry> entries = build();
        try (BatchWriter w = store.openBatch()) {
            entries.forEach(w::add);
            w.commit();
        }
        return entries;
    }
}
