import dev.feedbackloop.internal.Json;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import dev.feedbackloop.transfer.EntryJson;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

/**
 * Benchmark loader used until the product's import command exists: JSON Lines (gen_feedback.py)
 * into a SQLite database through the store's batch writer, one transaction per 100,000 entries.
 * Usage: java -cp feedback.jar LoadJsonl.java FILE.jsonl DB
 */
public class LoadJsonl {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        long n = 0;
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(Path.of(args[1]));
             BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            BatchWriter batch = store.openBatch();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                batch.add(EntryJson.fromMap(Json.parseObject(line, "line " + (n + 1)), ZoneId.systemDefault()));
                if (++n % 100_000 == 0) {
                    batch.commit();
                    batch.close();
                    batch = store.openBatch();
                    System.err.printf("%,d entries%n", n);
                }
            }
            batch.commit();
            batch.close();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.err.printf("loaded %,d entries in %.1f s (%,.0f/s)%n", n, s, n / s);
    }
}
