package dev.feedbackloop.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.analysis.AnalysisJson;
import dev.feedbackloop.analysis.AnalysisOptions;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.generate.SampleGenerator;
import dev.feedbackloop.reporting.ReportPeriod;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.FeedbackQuery;
import dev.feedbackloop.storage.StoreCopy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feedback migrate}: everything copied, counts on both sides, a second run changes nothing. */
class MigrateTest {
    private static final Instant NOW = Instant.parse("2026-11-27T14:37:25Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("Europe/Paris"));

    @TempDir
    Path dir;

    private static FeedbackLoop open(String location) {
        return FeedbackLoop.builder(location).clock(CLOCK).open();
    }

    private static List<String> answers(FeedbackLoop loop) {
        List<String> out = new ArrayList<>();
        out.add(FeedbackJson.write(loop.database().statistics(null, null)));
        out.add(AnalysisJson.write(loop.analyzer().analyze(new AnalysisOptions(30, 5, 30, 0))));
        out.add(AnalysisJson.write(loop.reporter().generate(ReportPeriod.rolling(ReportPeriod.Kind.WEEKLY, CLOCK), 30)));
        List<String> entries = new ArrayList<>();
        loop.database().forEach(FeedbackQuery.ALL, e -> entries.add(FeedbackJson.write(e)));
        out.add(String.join("\n", entries));
        return out;
    }

    @Test
    void copiesEverythingOnceAndAnswersTheSame() {
        Path file = dir.resolve("feedback.db");
        List<String> before;
        try (FeedbackLoop loop = open(file.toString())) {
            try (BatchWriter w = loop.database().openBatch()) {
                new SampleGenerator(new SampleGenerator.Settings(800, 30, 5, NOW.minusSeconds(60)))
                        .forEach(s -> w.add(s.entry()));
                w.commit();
            }
            for (int i = 0; i < 3; i++) { // a vote replaced twice: two rows in history, two changes
                loop.database().insert(FeedbackEntry.builder("Explain it", "It is", 1 + i).outputId("out-1")
                        .raterId("r1").feedbackId("vote-" + i).timestamp(NOW.minusSeconds(100 - i)).build());
            }
            loop.delete(loop.database().find(FeedbackQuery.ALL.withLimit(1)).get(0).feedbackId());
            loop.keys().create("app", KeyScope.CAPTURE, List.of("https://app.example"));
            loop.database().settingIfAbsent("secret", "s3");
            before = answers(loop); // also fills pattern_cache and reports
            loop.generateReport("weekly", null);
        }
        String url = TestPostgres.newDatabase();

        StoreCopy first = FeedbackLoop.migrate(file, url);
        assertThat(first.targetRows()).isEqualTo(first.sourceRows());
        assertThat(first.added()).isEqualTo(first.sourceRows());
        assertThat(first.sourceRows().get("feedback")).isEqualTo(800 + 1 - 1);
        assertThat(first.sourceRows()).containsEntry("feedback_history", 2L).containsEntry("changes", 3L)
                .containsEntry("api_keys", 1L).containsEntry("settings", 1L);
        assertThat(first.sourceRows().get("pattern_cache")).isPositive();
        assertThat(first.sourceRows().get("reports")).isPositive();

        StoreCopy second = FeedbackLoop.migrate(file, url);
        assertThat(second.added().values()).containsOnly(0L);
        assertThat(second.targetRows()).isEqualTo(first.targetRows());

        try (FeedbackLoop pg = open(url)) {
            List<String> after = answers(pg);
            // the analysis cache came along and is still valid: ids are kept, so is the data version
            assertThat(after.get(1)).contains("\"from_cache\":true");
            after.set(1, after.get(1).replace("\"from_cache\":true", "\"from_cache\":false"));
            for (int i = 0; i < before.size(); i++) {
                String a = before.get(i);
                String b = after.get(i);
                int at = 0;
                while (at < Math.min(a.length(), b.length()) && a.charAt(at) == b.charAt(at)) {
                    at++;
                }
                assertThat(b).as("answer %d differs at %d: %s | %s", i, at,
                        a.substring(Math.max(0, at - 80), Math.min(a.length(), at + 80)),
                        b.substring(Math.max(0, at - 80), Math.min(b.length(), at + 80))).isEqualTo(a);
            }
            assertThat(pg.database().replacedVotes("out-1", "r1")).extracting(FeedbackEntry::feedbackId)
                    .containsExactly("vote-0", "vote-1");
            assertThat(pg.keys().list()).singleElement().satisfies(k -> assertThat(k.name()).isEqualTo("app"));
            assertThat(pg.database().setting("secret")).contains("s3");
            // new rows continue after the copied ids
            pg.database().insert(FeedbackEntry.builder("after", "o", 5).timestamp(NOW).build());
            assertThat(pg.database().count()).isEqualTo(801);
        }
    }

    @Test
    void refusesATargetThatHoldsOtherDataUnderTheSameIds() {
        Path file = dir.resolve("a.db");
        try (FeedbackLoop loop = open(file.toString())) {
            loop.database().insert(FeedbackEntry.builder("p", "o", 5).feedbackId("from-sqlite").timestamp(NOW).build());
        }
        String url = TestPostgres.newDatabase();
        try (FeedbackLoop pg = open(url)) {
            pg.database().insert(FeedbackEntry.builder("p", "o", 4).feedbackId("already-here").timestamp(NOW).build());
        }
        assertThatThrownBy(() -> FeedbackLoop.migrate(file, url)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("other feedback under the same ids");
        try (FeedbackLoop pg = open(url)) {
            assertThat(pg.database().count()).as("nothing copied").isEqualTo(1);
        }
    }
}
