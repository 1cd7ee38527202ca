package dev.feedbackloop.analysis;

import dev.feedbackloop.analysis.stats.Proportions;
import dev.feedbackloop.capture.Outcome;

/** Running counts of one group (entries, outcomes, rating sum). Mutable, not thread-safe. */
public final class Tally {
    private long count;
    private long positive;
    private long negative;
    private long ratingSum;

    public void add(int rating, Outcome outcome) {
        count++;
        ratingSum += rating;
        if (outcome == Outcome.POSITIVE) {
            positive++;
        } else if (outcome == Outcome.NEGATIVE) {
            negative++;
        }
    }

    public void add(Tally other) {
        count += other.count;
        positive += other.positive;
        negative += other.negative;
        ratingSum += other.ratingSum;
    }

    /** This tally minus a subgroup of it (the "rest" of a comparison). */
    public Tally minus(Tally part) {
        Tally t = new Tally();
        t.count = count - part.count;
        t.positive = positive - part.positive;
        t.negative = negative - part.negative;
        t.ratingSum = ratingSum - part.ratingSum;
        return t;
    }

    /** {count, positive, negative, rating sum}, for storage. */
    public long[] toArray() {
        return new long[] {count, positive, negative, ratingSum};
    }

    /** The inverse of {@link #toArray()}. @throws IllegalArgumentException for anything else */
    public static Tally fromArray(long[] a) {
        if (a == null || a.length != 4 || a[0] < 0 || a[1] < 0 || a[2] < 0 || a[1] + a[2] > a[0]) {
            throw new IllegalArgumentException("not stored counts: " + java.util.Arrays.toString(a));
        }
        Tally t = new Tally();
        t.count = a[0];
        t.positive = a[1];
        t.negative = a[2];
        t.ratingSum = a[3];
        return t;
    }

    public long count() {
        return count;
    }

    public long positive() {
        return positive;
    }

    public long negative() {
        return negative;
    }

    /** Positive / count; 0 when empty. */
    public double successRate() {
        return count == 0 ? 0.0 : (double) positive / count;
    }

    /** 0 when empty. */
    public double avgRating() {
        return count == 0 ? 0.0 : (double) ratingSum / count;
    }

    public Interval ci() {
        return Proportions.wilson(positive, count);
    }

    public GroupPerformance performance(int minSupport) {
        return new GroupPerformance(count, positive, negative, successRate(), avgRating(), ci(), count >= minSupport);
    }
}
