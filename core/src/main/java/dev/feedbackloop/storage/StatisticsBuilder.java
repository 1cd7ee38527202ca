package dev.feedbackloop.storage;

import dev.feedbackloop.capture.Outcome;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Accumulates counts by (rating, thumbs) into {@link Statistics}. Not thread-safe. */
public final class StatisticsBuilder {
    private final Map<Integer, Long> distribution = new LinkedHashMap<>();
    private long total;
    private long ratingSum;
    private long positive;
    private long negative;
    private long up;

    public StatisticsBuilder() {
        for (int r = 1; r <= 5; r++) {
            distribution.put(r, 0L);
        }
    }

    public void add(int rating, boolean thumbsUp, long n) {
        total += n;
        ratingSum += rating * n;
        distribution.merge(rating, n, Long::sum);
        Outcome outcome = Outcome.of(rating, thumbsUp);
        if (outcome == Outcome.POSITIVE) {
            positive += n;
        } else if (outcome == Outcome.NEGATIVE) {
            negative += n;
        }
        if (thumbsUp) {
            up += n;
        }
    }

    public Statistics build() {
        return new Statistics(total, total == 0 ? 0.0 : (double) ratingSum / total, positive, negative,
                total - positive - negative, up, total - up, Collections.unmodifiableMap(new LinkedHashMap<>(distribution)));
    }
}
