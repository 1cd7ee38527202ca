package dev.feedbackloop.routing;

import java.util.Arrays;

/**
 * Positive and total outcomes per UTC day (epoch day) for one (task type, framework), in growable
 * arrays indexed from the earliest day seen. Not thread-safe: {@link OutcomeLedger} guards it.
 */
final class DailyCounts {
    private int firstDay;
    private int[] positives = new int[0];
    private int[] totals = new int[0];

    void add(int day, boolean isPositive) {
        ensure(day);
        int i = day - firstDay;
        totals[i]++;
        if (isPositive) {
            positives[i]++;
        }
    }

    /**
     * Counts with each day weighted {@code 2^(-age / halfLifeDays)}, age = today - day in whole days
     * (a day after today counts as today).
     */
    Tally decayed(int today, double halfLifeDays) {
        double perDay = Math.pow(0.5, 1.0 / halfLifeDays);
        double weight = 1;
        double wPositive = 0;
        double wTotal = 0;
        long positive = 0;
        long total = 0;
        int last = firstDay + totals.length - 1;
        if (last < today) {
            weight = Math.pow(0.5, (today - last) / halfLifeDays);
        }
        for (int i = totals.length - 1; i >= 0; i--) {
            if (totals[i] != 0) {
                total += totals[i];
                positive += positives[i];
                wTotal += weight * totals[i];
                wPositive += weight * positives[i];
            }
            if (firstDay + i <= today) {
                weight *= perDay;
            }
        }
        return new Tally(total, positive, wTotal, wPositive);
    }

    /** Unweighted counts of the days in [fromDay, toDay]. */
    Tally window(int fromDay, int toDay) {
        long p = 0;
        long t = 0;
        for (int day = Math.max(fromDay, firstDay); day <= Math.min(toDay, firstDay + totals.length - 1); day++) {
            p += positives[day - firstDay];
            t += totals[day - firstDay];
        }
        return new Tally(t, p, t, p);
    }

    private void ensure(int day) {
        if (totals.length == 0) {
            firstDay = day;
            positives = new int[8];
            totals = new int[8];
            return;
        }
        if (day < firstDay) {
            int shift = firstDay - day;
            positives = prepend(positives, shift);
            totals = prepend(totals, shift);
            firstDay = day;
        } else if (day - firstDay >= totals.length) {
            int size = Math.max(day - firstDay + 1, totals.length * 2);
            positives = Arrays.copyOf(positives, size);
            totals = Arrays.copyOf(totals, size);
        }
    }

    private static int[] prepend(int[] a, int shift) {
        int[] out = new int[a.length + shift];
        System.arraycopy(a, 0, out, shift, a.length);
        return out;
    }
}
