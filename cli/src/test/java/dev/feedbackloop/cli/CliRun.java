package dev.feedbackloop.cli;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** One command line run, with what it printed; and feedback to run it on. */
record CliRun(int exitCode, String out, String err) {

    /** Standard output as one JSON object. */
    Map<String, Object> json() {
        return Json.parseObject(out.strip(), "stdout");
    }

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * {@code n} entries spread over the last {@code days} days: prompts with "For example" succeed
     * far more often (80% against 20%), framework "direct-answer" never adds examples.
     */
    static void fill(Path db, int n, int days, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Instant now = Instant.now();
        String[] frameworks = {"chain-of-thought", "few-shot", "direct-answer"};
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(db); BatchWriter w = store.openBatch()) {
            for (int i = 0; i < n; i++) {
                String framework = frameworks[r.nextInt(3)];
                boolean examples = !framework.equals("direct-answer") && r.nextBoolean();
                boolean success = r.nextDouble() < (examples ? 0.8 : 0.2);
                String prompt = "Explain topic " + r.nextInt(50) + (examples ? ". For example, show a case." : ".");
                w.add(FeedbackEntry.builder(prompt, "answer", success ? 5 : 1).thumbsUp(success)
                        .framework(framework).model(r.nextBoolean() ? "gpt-4o" : "claude-sonnet-4")
                        .tags(List.of(r.nextBoolean() ? "code" : "writing"))
                        .timestamp(now.minusSeconds(60 + (long) (r.nextDouble() * (days * 86400L - 120))))
                        .feedbackId("cli-" + seed + "-" + i).build());
            }
            w.commit();
        }
    }
}
