package dev.feedbackloop.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches parsed on several threads come back in file order, with the numbers and errors of a sequential read. */
class PrefetcherTest {
    private static final ZoneId ZONE = ZoneId.of("UTC");

    @TempDir
    Path dir;

    @Test
    void parallelParsingGivesWhatASequentialReadGives() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            if (i % 97 == 0) {
                text.append("   \n");  // blank: counted as a line, not as a record
            } else if (i % 131 == 0) {
                text.append("{\"timestamp\":\"2026-11-01T10:00:00Z\",\"prompt\":\"p\",\"output\":\"o\",\"rating\":9}\n");
            } else if (i % 173 == 0) {
                text.append("{\"prompt\":\"p\"\n");
            } else {
                text.append("{\"feedback_id\":\"id-").append(i).append("\",\"timestamp\":\"2026-11-01T10:00:00Z\",")
                        .append("\"prompt\":\"Give an example of step ").append(i).append("?\",\"output\":\"o\",\"rating\":")
                        .append(1 + i % 5).append(",\"context\":{\"framework\":\"few-shot\",\"n\":").append(i).append("}}\n");
            }
        }
        Path file = Files.writeString(dir.resolve("many.jsonl"), text, StandardCharsets.UTF_8);

        List<String> sequential = new ArrayList<>();
        try (JsonLinesReader r = new JsonLinesReader(file, ZONE)) {
            for (List<ParsedRecord> b = r.next(); !b.isEmpty(); b = r.next()) {
                b.forEach(p -> sequential.add(describe(p)));
            }
        }
        List<String> parallel = new ArrayList<>();
        try (Prefetcher p = new Prefetcher(new JsonLinesReader(file, ZONE), 4)) {
            for (List<ParsedRecord> b = p.next(); !b.isEmpty(); b = p.next()) {
                b.forEach(r -> parallel.add(describe(r)));
            }
            assertThat(p.bytesRead()).isEqualTo(Files.size(file));
        }

        assertThat(sequential).hasSize(5000 - 5000 / 97);
        assertThat(sequential.get(0)).isEqualTo("1 1 id-1");
        assertThat(sequential).contains("131 130 'rating' must be an integer from 1 to 5, got 9");
        assertThat(sequential.stream().filter(s -> s.contains("malformed JSON"))).hasSize(5000 / 173);
        assertThat(parallel).containsExactlyElementsOf(sequential);
    }

    @Test
    void aFailedBatchIsRethrownInItsPlaceAfterTheBatchesBeforeIt() throws IOException {
        RecordReader failingThird = new RecordReader() {
            int batch;

            @Override
            public List<ParsedRecord> next() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Callable<List<ParsedRecord>> nextTask() {
                int n = ++batch;
                if (n > 5) {
                    return null;
                }
                return () -> {
                    if (n == 3) {
                        throw new IllegalStateException("batch 3 failed");
                    }
                    Thread.sleep(n == 1 ? 50 : 0);  // the first batch finishes last
                    return List.of(ParsedRecord.bad(n, n, "batch " + n));
                };
            }

            @Override
            public long bytesRead() {
                return batch;
            }

            @Override
            public void close() {
            }
        };
        try (Prefetcher p = new Prefetcher(failingThird, 3)) {
            assertThat(p.next()).extracting(ParsedRecord::error).containsExactly("batch 1");
            assertThat(p.next()).extracting(ParsedRecord::error).containsExactly("batch 2");
            assertThatThrownBy(p::next).isInstanceOf(IllegalStateException.class).hasMessage("batch 3 failed");
            assertThat(p.next()).isEmpty();
        }
    }

    private static String describe(ParsedRecord r) {
        return r.line() + " " + r.record() + " " + (r.error() != null ? r.error() : r.row().entry().feedbackId());
    }
}
