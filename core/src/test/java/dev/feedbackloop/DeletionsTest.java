package dev.feedbackloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.analysis.AnalysisJson;
import dev.feedbackloop.analysis.AnalysisOptions;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.generate.SampleGenerator;
import dev.feedbackloop.lifecycle.AuditEvent;
import dev.feedbackloop.lifecycle.Deletion;
import dev.feedbackloop.lifecycle.DeletionFilter;
import dev.feedbackloop.reporting.ReportPeriod;
import dev.feedbackloop.routing.RouteOptions;
import dev.feedbackloop.routing.RouterMode;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.FeedbackQuery;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting by every way there is (by id, by rater, by filter, by age) leaves a database that answers
 * exactly like one that never had the deleted entries: statistics, analysis, reports (rolling and
 * saved calendar ones) and routing decisions, after every cache was built on the full data.
 */
class DeletionsTest {
    private static final Instant NOW = Instant.parse("2026-11-27T14:37:25Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("Europe/Paris"));
    private static final String WEEK = "2026-W46";

    @TempDir
    Path dir;

    /** 1,500 generated entries over 30 days, every tenth of them also a vote of one of 7 raters. */
    private static List<FeedbackEntry> sample() {
        List<FeedbackEntry> out = new ArrayList<>();
        new SampleGenerator(new SampleGenerator.Settings(1500, 30, 11, NOW.minusSeconds(60))).forEach(s -> out.add(s.entry()));
        for (int i = 0; i < out.size(); i += 10) {
            FeedbackEntry e = out.get(i);
            out.set(i, FeedbackEntry.builder(e.prompt(), e.output(), e.rating()).thumbsUp(e.thumbsUp()).tags(e.tags())
                    .context(e.context()).notes(e.notes()).timestamp(e.timestamp()).feedbackId(e.feedbackId())
                    .outputId("out-" + i).raterId("rater-" + (i % 7)).build());
        }
        return out;
    }

    /** The location of the database named {@code db} (a SQLite file here; subclasses run on other databases). */
    String location(Path db) {
        return db.toString();
    }

    private FeedbackLoop open(Path db) {
        return FeedbackLoop.builder(location(db)).clock(CLOCK).open();
    }

    private static void store(FeedbackLoop loop, List<FeedbackEntry> entries) {
        try (BatchWriter w = loop.database().openBatch()) {
            entries.forEach(w::add);
            w.commit();
        }
    }

    /** Everything a user can read off the database, as JSON text. */
    private static List<String> answers(FeedbackLoop loop) {
        List<String> out = new ArrayList<>();
        out.add(FeedbackJson.write(loop.database().statistics(null, null)));
        out.add(FeedbackJson.write(loop.database().statistics(NOW.minus(Duration.ofDays(7)), NOW)));
        out.add(AnalysisJson.write(loop.analyzer().analyze(new AnalysisOptions(30, 5, 30, 0))));
        for (ReportPeriod.Kind kind : ReportPeriod.Kind.values()) {
            out.add(AnalysisJson.write(loop.reporter().generate(ReportPeriod.rolling(kind, CLOCK), 30)));
        }
        out.add(AnalysisJson.write(loop.reporter().generate(ReportPeriod.isoWeek(WEEK, CLOCK.getZone()), 30)));
        out.add(FeedbackJson.write(loop.router().route("Write a python function that parses dates",
                new RouteOptions(RouterMode.LEARNING, 7L)).toMap(true)));
        return out;
    }

    /** The way of deleting, and which sample entries it must delete. */
    private record Way(String name, BiFunction<FeedbackLoop, Boolean, Deletion> delete, Predicate<FeedbackEntry> deletes) {
    }

    private static final Instant CUT = NOW.minus(Duration.ofDays(12));

    private List<Way> ways(List<FeedbackEntry> sample) {
        String oneId = sample.get(700).feedbackId();
        return List.of(
                new Way("purge", (loop, dry) -> loop.purge(Duration.ofDays(12), dry, "test"), e -> e.timestamp().isBefore(CUT)),
                new Way("rater", (loop, dry) -> loop.delete(DeletionFilter.byRater("rater-3"), dry, "test"),
                        e -> "rater-3".equals(e.raterId())),
                new Way("where", (loop, dry) -> loop.delete(DeletionFilter.where(new FeedbackQuery(null, null, null, 2, null,
                        List.of("python", "math"), null)), dry, "test"),
                        e -> e.rating() <= 2 && (e.tags().contains("python") || e.tags().contains("math"))),
                new Way("id", (loop, dry) -> loop.delete(DeletionFilter.byId(oneId), dry, "test"),
                        e -> e.feedbackId().equals(oneId)));
    }

    @Test
    void everyWayOfDeletingAnswersLikeADatabaseThatNeverHadTheRows() {
        List<FeedbackEntry> sample = sample();
        for (Way way : ways(sample)) {
            List<FeedbackEntry> kept = sample.stream().filter(way.deletes().negate()).toList();
            assertThat(kept.size()).as(way.name() + " deletes some but not all").isBetween(1, sample.size() - 1);
            List<String> had;
            Deletion d;
            try (FeedbackLoop loop = open(dir.resolve(way.name() + "-had.db"))) {
                store(loop, sample);
                answers(loop); // builds day rollups, the analysis cache, the router's tallies, a saved report
                long changesBefore = loop.database().dataVersion().changes();
                Deletion dry = way.delete().apply(loop, true);
                assertThat(loop.database().dataVersion().changes()).isEqualTo(changesBefore);
                d = way.delete().apply(loop, false);
                assertThat(dry.entries()).isEqualTo(d.entries());
                long changes = loop.database().dataVersion().changes() - changesBefore;
                assertThat(changes).as(way.name() + ": one change per UTC day, not per entry").isBetween(1L, 31L);
                had = answers(loop);
            }
            assertThat(d.entries()).as(way.name()).isEqualTo(sample.size() - kept.size());
            List<String> never;
            try (FeedbackLoop loop = open(dir.resolve(way.name() + "-never.db"))) {
                store(loop, kept);
                never = answers(loop);
            }
            for (int i = 0; i < had.size(); i++) {
                assertThat(had.get(i)).as(way.name() + ", answer " + i).isEqualTo(never.get(i));
            }
        }
    }

    @Test
    void aDryRunChangesNothingAndADeletionIsAuditedWithoutContent() {
        List<FeedbackEntry> sample = sample();
        try (FeedbackLoop loop = open(dir.resolve("a.db"))) {
            store(loop, sample);
            var before = loop.database().dataVersion();
            Deletion dry = loop.delete(DeletionFilter.byRater("rater-3"), true, "cli:alice");
            assertThat(dry.dryRun()).isTrue();
            assertThat(dry.entries()).isPositive();
            assertThat(loop.database().dataVersion()).isEqualTo(before);
            assertThat(loop.database().count()).isEqualTo(sample.size());
            assertThat(loop.audit(null, 10)).isEmpty();

            Deletion done = loop.delete(DeletionFilter.byRater("rater-3"), false, "cli:alice");
            assertThat(done.entries()).isEqualTo(dry.entries());
            assertThat(loop.database().count()).isEqualTo(sample.size() - done.entries());
            List<AuditEvent> trail = loop.audit(null, 10);
            assertThat(trail).hasSize(1);
            AuditEvent e = trail.get(0);
            assertThat(e.actor()).isEqualTo("cli:alice");
            assertThat(e.action()).isEqualTo("delete");
            assertThat(e.at()).isEqualTo(NOW);
            assertThat(e.affected()).isEqualTo(done.entries());
            assertThat(FeedbackJson.write(e.toMap())).doesNotContain("rater-3").contains("rater_sha256");
        }
    }

    @Test
    void aSavedReportThatCountedDeletedEntriesIsDroppedAndOthersStay() {
        List<FeedbackEntry> sample = sample();
        try (FeedbackLoop loop = open(dir.resolve("r.db"))) {
            store(loop, sample);
            ReportPeriod week = ReportPeriod.isoWeek(WEEK, CLOCK.getZone());
            ReportPeriod lastWeek = ReportPeriod.isoWeek("2026-W47", CLOCK.getZone());
            loop.reporter().generate(week, 30);
            loop.reporter().generate(lastWeek, 30);
            // entries of W47's last day only: W46 neither holds them nor compares with them
            Deletion d = loop.delete(DeletionFilter.where(FeedbackQuery.between(lastWeek.end().minus(Duration.ofDays(1)),
                    lastWeek.end())), false, "test");
            assertThat(d.entries()).isPositive();
            assertThat(d.savedReports()).isEqualTo(1);
            assertThat(loop.reporter().saved(ReportPeriod.Kind.WEEKLY, "2026-W47")).isEmpty();
            assertThat(loop.reporter().saved(ReportPeriod.Kind.WEEKLY, WEEK)).isPresent();
        }
    }

    @Test
    void aDeletionWithoutAnyConditionIsRefused() {
        assertThatThrownBy(() -> DeletionFilter.where(FeedbackQuery.ALL)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("say what to delete");
    }
}
