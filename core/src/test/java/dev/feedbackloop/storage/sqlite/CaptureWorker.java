package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.capture.FeedbackEntry;
import java.nio.file.Path;

/**
 * A separate process for {@link ConcurrentWritersIT}: opens the store anew for every capture, as
 * one command-line capture would, and exits non-zero on the first failure.
 * Arguments: database path, id prefix, number of captures.
 */
public final class CaptureWorker {
    private CaptureWorker() {
    }

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        int n = Integer.parseInt(args[2]);
        for (int i = 0; i < n; i++) {
            try (SqliteFeedbackStore store = SqliteFeedbackStore.open(db)) {
                store.insert(FeedbackEntry.builder("prompt " + args[1] + "-" + i, "output", 1 + i % 5)
                        .feedbackId(args[1] + "-" + i).build());
            } catch (RuntimeException e) {
                System.err.println("capture " + args[1] + "-" + i + " failed: " + e);
                System.exit(1);
            }
        }
    }
}
