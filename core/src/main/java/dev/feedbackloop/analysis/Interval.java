package dev.feedbackloop.analysis;

/** A two-sided confidence interval (95% unless stated), as proportions or differences of proportions. */
public record Interval(double low, double high) {
    public Interval {
        if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
            throw new IllegalArgumentException("bad interval [" + low + ", " + high + "]");
        }
    }

    public boolean contains(double x) {
        return x >= low && x <= high;
    }

}
