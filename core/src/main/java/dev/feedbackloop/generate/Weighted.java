package dev.feedbackloop.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Items with selection weights, drawn deterministically from a {@link Random}. Immutable. */
final class Weighted<T> {
    private final List<T> items = new ArrayList<>();
    private final List<Double> cumulative = new ArrayList<>();
    private double total;

    static <T> Weighted<T> of(Object... itemWeightPairs) {
        Weighted<T> w = new Weighted<>();
        for (int i = 0; i < itemWeightPairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            T item = (T) itemWeightPairs[i];
            w.total += ((Number) itemWeightPairs[i + 1]).doubleValue();
            w.items.add(item);
            w.cumulative.add(w.total);
        }
        return w;
    }

    T draw(Random r) {
        double u = r.nextDouble() * total;
        for (int i = 0; i < items.size(); i++) {
            if (u < cumulative.get(i)) {
                return items.get(i);
            }
        }
        return items.get(items.size() - 1);
    }

    List<T> items() {
        return List.copyOf(items);
    }
}
