package dev.feedbackloop.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits entries into prompt-length quartiles from an exact per-length histogram. Cut points are
 * the lengths at the 25th, 50th and 75th percentile; ties keep an entry in the lower group, so
 * groups may be uneven and empty groups are dropped.
 */
final class LengthQuartiles {
    /** One length group: prompts of {@code minChars..maxChars} characters. */
    record Group(int quartile, int minChars, int maxChars, Tally tally) {
        String label() {
            return new LengthRange(minChars, maxChars >= WindowAggregate.MAX_TRACKED_CHARS ? Integer.MAX_VALUE : maxChars)
                    .findingName(quartile);
        }
    }

    private LengthQuartiles() {
    }

    static List<Group> of(Tally[] byLength) {
        long total = 0;
        int last = -1;
        for (int i = 0; i < byLength.length; i++) {
            if (byLength[i] != null) {
                total += byLength[i].count();
                last = i;
            }
        }
        List<Group> groups = new ArrayList<>();
        if (total == 0) {
            return groups;
        }
        int[] cuts = new int[4];
        long cumulative = 0;
        int q = 0;
        for (int i = 0; i <= last && q < 3; i++) {
            if (byLength[i] == null) {
                continue;
            }
            cumulative += byLength[i].count();
            while (q < 3 && cumulative * 4 >= total * (q + 1)) {
                cuts[q++] = i;
            }
        }
        cuts[3] = last;
        int from = 0;
        for (int k = 0; k < 4; k++) {
            if (k > 0 && cuts[k] == cuts[k - 1]) {
                continue;
            }
            Tally t = new Tally();
            int min = -1;
            for (int i = from; i <= cuts[k]; i++) {
                if (byLength[i] != null) {
                    t.add(byLength[i]);
                    min = min < 0 ? i : min;
                }
            }
            if (t.count() > 0) {
                groups.add(new Group(k + 1, min, cuts[k], t));
            }
            from = cuts[k] + 1;
        }
        return groups;
    }
}
