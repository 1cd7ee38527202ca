package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.BatchWriter;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A separate process for {@link BulkLoadCrashIT}: opens a bulk batch and adds entries until it is
 * killed, never committing. Prints "loading" once the batch is open. Argument: database path.
 */
public final class BulkLoadWorker {
    private BulkLoadWorker() {
    }

    public static void main(String[] args) {
        String text = "a prompt that fills pages quickly, ".repeat(60);
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(Path.of(args[0]));
             BatchWriter batch = store.openBulkBatch()) {
            System.out.println("loading");
            System.out.flush();
            Instant t = Instant.parse("2026-11-01T00:00:00Z");
            for (long i = 0; ; i++) {
                batch.add(FeedbackEntry.builder(text + i, "output " + i, 1 + (int) (i % 5)).timestamp(t.plusSeconds(i)).build());
            }
        }
    }
}
