package dev.feedbackloop.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.feedbackloop.analysis.AnalysisJson;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports on small fixed data whose numbers are worked out by hand. */
class ReporterTest {
    static final Instant NOW = Instant.parse("2026-11-27T14:37:25Z");
    static final Instant WEEK_START = Instant.parse("2026-11-20T14:37:25Z");

    @TempDir
    Path dir;
    SqliteFeedbackStore store;
    Reporter reporter;
    int ids;

    @BeforeEach
    void open() {
        store = SqliteFeedbackStore.open(dir.resolve("feedback.db"));
        reporter = new Reporter(store, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /**
     * This week: alpha 4 positive, 1 negative, 1 neutral; beta 1 positive, 3 negative: 5 of 10 = 50%,
     * ratings sum 5+4+5+4+1+3 + 4+1+2+1 = 30 -> 3.0. Previous week: 2 of 8 = 25%. The first entry sits
     * exactly on the boundary and belongs to this week only.
     */
    void fixedData() {
        try (BatchWriter w = store.openBatch()) {
            Instant t = WEEK_START;
            add(w, t, "alpha", 5, true);
            add(w, t.plusSeconds(3600), "alpha", 4, true);
            add(w, t.plusSeconds(86400), "alpha", 5, true);
            add(w, t.plusSeconds(2 * 86400), "alpha", 4, true);
            add(w, t.plusSeconds(3 * 86400), "alpha", 1, false);
            add(w, t.plusSeconds(3 * 86400 + 60), "alpha", 3, true);
            add(w, t.plusSeconds(4 * 86400), "beta", 4, true);
            add(w, t.plusSeconds(5 * 86400), "beta", 1, false);
            add(w, t.plusSeconds(6 * 86400), "beta", 2, false);
            add(w, NOW.minusSeconds(1), "beta", 1, false);
            for (int i = 1; i <= 8; i++) {
                add(w, WEEK_START.minusSeconds(i * 3600L), i <= 2 ? "alpha" : "beta", i <= 2 ? 5 : 2, i <= 2);
            }
            w.commit();
        }
    }

    void add(BatchWriter w, Instant t, String framework, int rating, boolean up) {
        w.add(FeedbackEntry.builder("Explain topic " + ids, "answer", rating).thumbsUp(up).framework(framework)
                .tags(framework.equals("alpha") ? List.of("code") : List.of("writing")).timestamp(t)
                .feedbackId("r-" + ids++).build());
    }

    @Test
    void weeklyReportOnFixedData() {
        fixedData();
        ImprovementReport r = reporter.generate(reporter.rolling(ReportPeriod.Kind.WEEKLY), 3);
        assertThat(r.period()).isEqualTo("2026-W48");
        assertThat(r.startDate()).isEqualTo(WEEK_START);
        assertThat(r.endDate()).isEqualTo(NOW);
        assertThat(r.totalPrompts()).isEqualTo(10);
        assertThat(r.successRate()).isEqualTo(0.5);
        assertThat(r.avgRating()).isCloseTo(3.0, within(1e-12));
        assertThat(r.previous().totalPrompts()).isEqualTo(8);
        assertThat(r.previous().successRate()).isEqualTo(0.25);
        assertThat(r.improvementVsPrevious()).isCloseTo(100.0, within(1e-9));
        assertThat(r.change().points()).isCloseTo(25.0, within(1e-9));
        assertThat(r.change().significant()).isFalse();
        assertThat(r.topPerformers()).extracting(ImprovementReport.RankedGroup::name).containsExactly("alpha", "code");
        assertThat(r.topPerformers().get(0).successRate()).isCloseTo(4 / 6.0, within(1e-12));
        assertThat(r.problemAreas()).extracting(ImprovementReport.RankedGroup::name).containsExactly("beta", "writing");
        // a rolling week touches 8 calendar days (Nov 20 14:37 to Nov 27 14:37)
        assertThat(r.daily()).hasSize(8);
        assertThat(r.daily().get(0).count()).isEqualTo(2);
        // no difference is significant in this small week: the only action item asks for more data
        assertThat(r.actionItems()).singleElement().asString().startsWith("Collect more feedback");
    }

    @Test
    void boundsAreHalfOpenSoNoEntryCountsTwice() {
        fixedData();
        try (BatchWriter w = store.openBatch()) {
            add(w, Instant.parse("2026-11-23T00:00:00Z"), "alpha", 5, true);
            w.commit();
        }
        // the entry at Monday 00:00 belongs to W48 (Nov 23-30), not to W47 (Nov 16-23)
        ImprovementReport w47 = reporter.generate(ReportPeriod.isoWeek("2026-W47", ZoneOffset.UTC), 3);
        ImprovementReport w48 = reporter.generate(ReportPeriod.isoWeek("2026-W48", ZoneOffset.UTC), 3);
        assertThat(w47.totalPrompts()).isEqualTo(12);
        assertThat(w48.totalPrompts()).isEqualTo(7);
        assertThat(w48.previous().totalPrompts()).isEqualTo(12);
    }

    @Test
    void calendarWeekAndMonth() {
        fixedData();
        ImprovementReport w47 = reporter.generate(ReportPeriod.isoWeek("2026-W47", ZoneOffset.UTC), 3);
        assertThat(w47.period()).isEqualTo("2026-W47");
        // W47 = Nov 16-23: the 8 previous-week entries (Nov 20 06:37-13:37) and this week's on Nov 20, 21, 22
        assertThat(w47.totalPrompts()).isEqualTo(8 + 4);
        ImprovementReport nov = reporter.generate(ReportPeriod.month("2026-11", ZoneOffset.UTC), 3);
        assertThat(nov.period()).isEqualTo("2026-11");
        assertThat(nov.totalPrompts()).isEqualTo(18);
        assertThat(nov.previous().period()).isEqualTo("2026-10");
        assertThat(nov.improvementVsPrevious()).isNull();
        assertThat(nov.change()).isNull();
    }

    @Test
    void anUnchangedRateIsZeroNotNull() {
        try (BatchWriter w = store.openBatch()) {
            add(w, WEEK_START.plusSeconds(10), "alpha", 5, true);
            add(w, WEEK_START.plusSeconds(20), "alpha", 1, false);
            add(w, WEEK_START.minusSeconds(10), "alpha", 5, true);
            add(w, WEEK_START.minusSeconds(20), "alpha", 1, false);
            w.commit();
        }
        ImprovementReport r = reporter.generate(reporter.rolling(ReportPeriod.Kind.WEEKLY), 3);
        assertThat(r.improvementVsPrevious()).isEqualTo(0.0);
        String json = AnalysisJson.write(r);
        assertThat(json).contains("\"improvement_vs_previous\":0.0");
    }

    @Test
    void anEmptyPeriodGivesZerosAndSaysSo() {
        ImprovementReport r = reporter.generate(reporter.rolling(ReportPeriod.Kind.MONTHLY), 3);
        assertThat(r.totalPrompts()).isZero();
        assertThat(r.successRate()).isZero();
        assertThat(r.improvementVsPrevious()).isNull();
        assertThat(r.actionItems()).singleElement().asString().startsWith("No feedback");
        for (ReportFormat f : ReportFormat.values()) {
            assertThat(f.render(r, ZoneOffset.UTC)).isNotBlank();
        }
    }

    @Test
    void everyReportIsSavedAndTheSpecificationsFieldsAreInItsJson() throws Exception {
        fixedData();
        Path out = dir.resolve("reports/monthly_report.json");
        reporter.generate("monthly", out);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = AnalysisJson.mapper().readValue(Files.readString(out), Map.class);
        assertThat(m).containsKeys("period", "start_date", "end_date", "total_prompts", "avg_rating", "success_rate",
                "improvement_vs_previous", "top_performers", "problem_areas", "action_items", "success_rate_ci",
                "change", "daily");
        assertThat(m.get("period")).isEqualTo("2026-11");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("feedback.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT period, report_data FROM reports")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("2026-11");
            assertThat(rs.getString(2)).contains("\"total_prompts\":18");
        }
    }

    @Test
    void formatsCarryTheSameNumbers() {
        fixedData();
        ImprovementReport r = reporter.generate(reporter.rolling(ReportPeriod.Kind.WEEKLY), 3);
        String text = ReportFormat.TEXT.render(r, ZoneOffset.UTC);
        assertThat(text).contains("Weekly report 2026-W48", "50.0%", "+100.0% relative", "alpha");
        String md = ReportFormat.MARKDOWN.render(r, ZoneOffset.UTC);
        assertThat(md).startsWith("# Weekly report 2026-W48").contains("| Success rate | 50.0% [", "| framework | alpha |");
        String html = ReportFormat.HTML.render(r, ZoneOffset.UTC);
        assertThat(html).contains("<svg", "id=\"chart-daily\"", "id=\"chart-frameworks\"", "id=\"chart-tags\"")
                .doesNotContain("<script", "src=\"http", "href=\"http", "@import", "url(http");
        assertThat(ReportFormat.ofFile(Path.of("x/report.HTML"))).contains(ReportFormat.HTML);
        assertThat(ReportFormat.ofFile(Path.of("report.md"))).contains(ReportFormat.MARKDOWN);
        assertThat(ReportFormat.ofFile(Path.of("report.bin"))).isEmpty();
    }
}
