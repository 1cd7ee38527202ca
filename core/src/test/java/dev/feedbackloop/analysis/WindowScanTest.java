package dev.feedbackloop.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import dev.feedbackloop.testdata.SyntheticFeedback;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowScanTest {
    static final Instant END = Instant.parse("2026-11-29T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void twoMergedHalvesEqualOnePass() {
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(dir.resolve("f.db"))) {
            SyntheticFeedback.seed(4).count(2000).between(END.minusSeconds(20 * 86400), END).into(store);
            Instant start = END.minusSeconds(30 * 86400);
            WindowAggregate one = new WindowAggregate(ZoneOffset.UTC, 300, 9);
            store.scan(start, END, one);
            WindowAggregate two = WindowScan.aggregate(store, start, END, () -> new WindowAggregate(ZoneOffset.UTC, 300, 9));

            assertThat(two.overall().count()).isEqualTo(2000).isEqualTo(one.overall().count());
            assertThat(two.overall().positive()).isEqualTo(one.overall().positive());
            assertThat(counts(two.frameworks())).isEqualTo(counts(one.frameworks()));
            assertThat(counts(two.tags())).isEqualTo(counts(one.tags()));
            assertThat(counts(two.days())).isEqualTo(counts(one.days()));
            assertThat(LengthQuartiles.of(two.lengths())).extracting(LengthQuartiles.Group::label)
                    .isEqualTo(LengthQuartiles.of(one.lengths()).stream().map(LengthQuartiles.Group::label).toList());
            assertThat(two.sample()).hasSize(300).isEqualTo(one.sample());
        }
    }

    @Test
    void theSampleIsUniformAcrossTheStream() {
        BottomKSample s = new BottomKSample(1000, 1);
        for (long id = 1; id <= 100_000; id++) {
            s.offer(id);
        }
        // a uniform sample of 1000 out of 100,000 puts about 500 in each half
        long firstHalf = s.ids().stream().filter(id -> id <= 50_000).count();
        assertThat(firstHalf).isBetween(430L, 570L);
        assertThat(new HashSet<>(s.ids())).hasSize(1000);
    }

    static <K> Map<K, Long> counts(Map<K, Tally> m) {
        return m.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().count()));
    }

}
