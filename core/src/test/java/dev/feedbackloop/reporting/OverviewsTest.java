package dev.feedbackloop.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.analysis.GroupPerformance;
import dev.feedbackloop.storage.Statistics;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import dev.feedbackloop.testdata.SyntheticFeedback;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's overview: from day rollups (no filter) and from a scan (filters) the same counts,
 * equal to the store's own statistics; periods and buckets as documented.
 */
class OverviewsTest {
    static final Instant NOW = Instant.parse("2026-11-27T14:37:25Z");
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    @Test
    void rollupsAndFilteredScansAgreeWithTheStore() {
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(dir.resolve("f.db"))) {
            SyntheticFeedback.seed(5).count(4000).between(NOW.minusSeconds(70L * 86400), NOW)
                    .framework("direct-answer", -0.2).model("claude-haiku", -0.1).tag("hallucination", -0.25).into(store);
            Overviews overviews = new Overviews(store, Clock.fixed(NOW, ZONE));
            for (int pass = 0; pass < 2; pass++) { // the second pass reads the rollups the first one kept
                PeriodOverview all = overviews.overview("30d", Overviews.Filter.NONE, "day", 30);
                Statistics st = store.statistics(NOW.minusSeconds(30L * 86400), NOW);
                assertThat(all.current().count()).isEqualTo(st.total());
                assertThat(all.current().positive()).isEqualTo(st.positive());
                assertThat(all.previous().count()).isEqualTo(store.statistics(NOW.minusSeconds(60L * 86400),
                        NOW.minusSeconds(30L * 86400)).total());
                assertThat(all.points().stream().mapToLong(PeriodOverview.Point::count).sum()).isEqualTo(st.total());

                GroupPerformance fromTable = all.frameworks().get("direct-answer");
                PeriodOverview filtered = overviews.overview("30d", new Overviews.Filter("direct-answer", null, " "), "week", 30);
                assertThat(filtered.current().count()).isEqualTo(fromTable.count());
                assertThat(filtered.current().positive()).isEqualTo(fromTable.positive());
                assertThat(filtered.frameworks().keySet()).containsExactly("direct-answer");
                assertThat(filtered.filters()).containsExactly(java.util.Map.entry("framework", "direct-answer"));
                assertThat(filtered.points()).allSatisfy(p -> assertThat(p.start().getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY));
                assertThat(filtered.points().stream().mapToLong(PeriodOverview.Point::count).sum()).isEqualTo(fromTable.count());
                assertThat(all.findings().get(0).significant()).isTrue();
            }
            PeriodOverview tagAndModel = overviews.overview("90d", new Overviews.Filter(null, "claude-haiku", "hallucination"),
                    "day", 30);
            assertThat(tagAndModel.current().count()).isPositive()
                    .isLessThan(overviews.overview("90d", new Overviews.Filter(null, "claude-haiku", null), "day", 30)
                            .current().count());
        }
    }

    @Test
    void periodsAreRollingDaysIsoWeeksOrMonths() {
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(dir.resolve("p.db"))) {
            Overviews overviews = new Overviews(store, Clock.fixed(NOW, ZONE));
            ReportPeriod[] week = overviews.periods("2026-W47");
            assertThat(week[0].start()).isEqualTo(Instant.parse("2026-11-15T23:00:00Z"));
            assertThat(week[1].label()).isEqualTo("2026-W46");
            assertThat(overviews.periods("2026-10")[1].label()).isEqualTo("2026-09");
            assertThat(overviews.periods("7d")[0].start()).isEqualTo(NOW.minusSeconds(7L * 86400));
            assertThat(overviews.periods("90d")[1].end()).isEqualTo(NOW.minusSeconds(90L * 86400));
            for (String bad : new String[] {"8d", "2026-W60", "2026-13", "yesterday"}) {
                assertThatThrownBy(() -> overviews.periods(bad)).as(bad).isInstanceOf(InvalidInputException.class);
            }
            assertThatThrownBy(() -> overviews.overview("7d", Overviews.Filter.NONE, "hour", 30))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("bucket");
            PeriodOverview empty = overviews.overview("7d", Overviews.Filter.NONE, "day", 30);
            assertThat(empty.current().count()).isZero();
            assertThat(empty.change()).isNull();
            assertThat(empty.points()).isEmpty();
        }
    }
}
