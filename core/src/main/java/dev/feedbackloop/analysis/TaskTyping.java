package dev.feedbackloop.analysis;

import dev.feedbackloop.internal.Parallel;
import dev.feedbackloop.routing.TaskClassifier;
import dev.feedbackloop.storage.AnalysisRow;
import dev.feedbackloop.storage.EntryText;
import dev.feedbackloop.storage.FeedbackStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Gives every entry of a window a task type: its {@code context.task_type} when the router attributed
 * it, else the type the bundled rules' classifier gives its prompt ({@link TaskClassifier#bundled()}).
 * Entries are typed when they are written ({@link dev.feedbackloop.storage.EntryRow#taskClass});
 * this types the rows stored before that, once: their classes are kept in the store
 * ({@link FeedbackStore#saveTaskClasses}). Thread-safe if the store is.
 */
public final class TaskTyping {
    static final int KEPT_PER_WRITE = 20_000;
    private final FeedbackStore store;

    /** Typing more entries than this at once is worth a note. */
    static final int NOTED = 10_000;
    private final Consumer<String> notes;
    /** One note per instance: a report types its period and the one before at once. */
    private final AtomicBoolean noted = new AtomicBoolean();

    /** @param notes told, in one line, when many entries are about to be typed; null: nobody */
    public TaskTyping(FeedbackStore store, Consumer<String> notes) {
        this.store = store;
        this.notes = notes != null ? notes : line -> { };
    }

    /**
     * Classifies the rows {@code agg} kept aside (made with {@code deferUnclassified}), keeps the
     * classes in the store, and counts the rows in {@code agg}.
     */
    public void complete(WindowAggregate agg) {
        List<AnalysisRow> pending = agg.takeUnclassified();
        if (pending.isEmpty()) {
            return;
        }
        if (pending.size() >= NOTED && noted.compareAndSet(false, true)) {
            notes.accept(String.format(Locale.ROOT, "typing %,d entries stored without a task class,"
                    + " once (entries written from now on are typed when written)", pending.size()));
        }
        TaskClassifier c = TaskClassifier.bundled();
        Map<Long, String> classes = new ConcurrentHashMap<>();
        int half = pending.size() / 2;
        Parallel.run(() -> classify(pending.subList(0, half), c, classes),
                () -> classify(pending.subList(half, pending.size()), c, classes));
        keep(classes);
        for (AnalysisRow row : pending) {
            agg.accept(row.classified(classes.getOrDefault(row.id(), Strata.UNKNOWN)));
        }
    }

    /**
     * In transactions of {@link #KEPT_PER_WRITE}, so that captures never wait long for the write lock;
     * in id order, so that each transaction changes neighbouring rows (pages written once, not once
     * per row).
     */
    private void keep(Map<Long, String> classes) {
        Map<Long, String> chunk = new LinkedHashMap<>();
        for (Map.Entry<Long, String> e : new TreeMap<>(classes).entrySet()) {
            chunk.put(e.getKey(), e.getValue());
            if (chunk.size() == KEPT_PER_WRITE) {
                store.saveTaskClasses(chunk);
                chunk = new LinkedHashMap<>();
            }
        }
        store.saveTaskClasses(chunk);
    }

    private void classify(List<AnalysisRow> rows, TaskClassifier c, Map<Long, String> into) {
        int batch = 2000;
        for (int from = 0; from < rows.size(); from += batch) {
            List<Long> ids = new ArrayList<>();
            for (AnalysisRow row : rows.subList(from, Math.min(rows.size(), from + batch))) {
                ids.add(row.id());
            }
            for (EntryText t : store.texts(ids)) {
                String type = c.typeOf(t.prompt());
                if (type != null) {
                    into.put(t.id(), type);
                }
            }
        }
    }
}
