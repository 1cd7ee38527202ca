package dev.feedbackloop.server;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.capture.FeedbackEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Known feedback for the dashboard tests: {@link #COUNT} entries over the last 20 days (none in the
 * last hour), two frameworks of clearly different success, two models, tags, and one entry whose
 * notes hold the word {@link #NEEDLE}. All are attributed to the router's task type {@code reasoning}.
 */
final class DashboardData {
    static final int COUNT = 600;
    static final String NEEDLE = "zanzibar";
    static final String NEEDLE_ID = "needle-entry";

    private DashboardData() {
    }

    static void seed(FeedbackLoop loop) {
        Random random = new Random(7);
        Instant now = loop.clock().instant();
        List<FeedbackEntry> entries = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            boolean chain = i % 2 == 0;
            double p = chain ? 0.8 : 0.35;
            boolean good = random.nextDouble() < p;
            int rating = good ? 4 + random.nextInt(2) : 1 + random.nextInt(2);
            Instant t = now.minus(Duration.ofHours(1)).minus(Duration.ofMinutes((long) (random.nextDouble() * 20 * 24 * 60)));
            FeedbackEntry.Builder b = FeedbackEntry.builder("Explain topic " + i + " step by step", "answer " + i, rating)
                    .thumbsUp(good).timestamp(t).tags(i % 3 == 0 ? "math" : "writing")
                    .context(Map.of("framework", chain ? "chain-of-thought" : "direct-answer",
                            "model", i % 5 == 0 ? "claude-haiku" : "claude-sonnet", "task_type", "reasoning"));
            if (i == 17) {
                b.feedbackId(NEEDLE_ID).notes("the answer mentioned " + NEEDLE + " for no reason");
            } else if (i % 7 == 0) {
                b.notes("fine, but long");
            }
            entries.add(b.build(loop.clock()));
        }
        loop.captureAll(entries);
    }
}
