package dev.feedbackloop.analysis;

import dev.feedbackloop.internal.Parallel;
import dev.feedbackloop.routing.TaskClassifier;
import dev.feedbackloop.storage.AnalysisRow;
import dev.feedbackloop.storage.EntryText;
import dev.feedbackloop.storage.FeedbackStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import dev.feedbackloop.internal.Lazy;
import dev.feedbackloop.routing.RoutingRules;
import java.util.function.Supplier;

/**
 * Gives every entry of a window a task type: its {@code context.task_type} when the router attributed
 * it, else the type the router's classifier gives its prompt. Classifications are kept in the store
 * ({@link FeedbackStore#saveTaskClasses}), so each entry is classified once; the classifier is only
 * built when some entry needs it. Thread-safe if the store is.
 */
public final class TaskTyping {
    private final FeedbackStore store;
    private final Supplier<TaskClassifier> classifier;

    /** @param rules the router's rules, whose classifier types entries (null: the bundled ones) */
    public TaskTyping(FeedbackStore store, RoutingRules rules) {
        this.store = store;
        this.classifier = new Lazy<>(() -> new TaskClassifier(rules != null ? rules : RoutingRules.defaults()));
    }

    /**
     * Classifies the rows {@code agg} kept aside (made with {@code deferUnclassified}), keeps the
     * classes in the store, and counts the rows in {@code agg}.
     */
    public void complete(WindowAggregate agg) {
        List<AnalysisRow> pending = new ArrayList<>(agg.unclassified());
        if (pending.isEmpty()) {
            return;
        }
        agg.unclassified().clear();
        TaskClassifier c = classifier.get();
        Map<Long, String> classes = new ConcurrentHashMap<>();
        int half = pending.size() / 2;
        Parallel.run(() -> classify(pending.subList(0, half), c, classes),
                () -> classify(pending.subList(half, pending.size()), c, classes));
        store.saveTaskClasses(new HashMap<>(classes));
        for (AnalysisRow row : pending) {
            agg.accept(row.classified(classes.getOrDefault(row.id(), Strata.UNKNOWN)));
        }
    }

    private void classify(List<AnalysisRow> rows, TaskClassifier c, Map<Long, String> into) {
        int batch = 2000;
        for (int from = 0; from < rows.size(); from += batch) {
            List<Long> ids = new ArrayList<>();
            for (AnalysisRow row : rows.subList(from, Math.min(rows.size(), from + batch))) {
                ids.add(row.id());
            }
            for (EntryText t : store.texts(ids)) {
                if (t.prompt() != null && !t.prompt().isBlank()) {
                    into.put(t.id(), c.classify(t.prompt()).taskType().name());
                }
            }
        }
    }
}
