package dev.feedbackloop.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.analysis.Tally;
import dev.feedbackloop.analysis.WindowAggregate;
import dev.feedbackloop.analysis.WindowScan;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import dev.feedbackloop.testdata.SyntheticFeedback;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counts from day rollups, kept and brought up to date, equal a fresh scan of the same window. */
class DayRollupsTest {
    static final Instant NOW = Instant.parse("2026-11-27T14:37:25Z");
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    @Test
    void rollupsMatchAFreshScanBeforeAndAfterNewFeedback() throws Exception {
        Path db = dir.resolve("f.db");
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(db)) {
            SyntheticFeedback.seed(21).count(3000).between(NOW.minusSeconds(40L * 86400), NOW).into(store);
            Instant start = NOW.minusSeconds(30L * 86400);

            assertSame(new DayRollups(store, ZONE).aggregate(start, NOW, NOW), fresh(store, start));
            assertThat(rollupCount(db)).isEqualTo(29);

            // feedback arrives: some for old days (an import), some today, one before the window
            SyntheticFeedback.seed(22).count(400).between(NOW.minusSeconds(35L * 86400), NOW).into(store);
            assertSame(new DayRollups(store, ZONE).aggregate(start, NOW, NOW), fresh(store, start));

            // and once more with nothing new: everything from the rollups
            assertSame(new DayRollups(store, ZONE).aggregate(start, NOW, NOW), fresh(store, start));
        }
    }

    @Test
    void aKeptRollupIsReadNotRecounted() throws Exception {
        Path db = dir.resolve("k.db");
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(db)) {
            SyntheticFeedback.seed(26).count(1000).between(NOW.minusSeconds(40L * 86400), NOW).into(store);
            Instant start = NOW.minusSeconds(30L * 86400);
            long counted = new DayRollups(store, ZONE).aggregate(start, NOW, NOW).overall().count();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                int changed = c.createStatement().executeUpdate("UPDATE pattern_cache SET analysis_data = json_set("
                        + "analysis_data, '$.overall[0]', json_extract(analysis_data, '$.overall[0]') + 1000) "
                        + "WHERE cache_key = (SELECT min(cache_key) FROM pattern_cache WHERE cache_key LIKE 'report-day/%')");
                assertThat(changed).isEqualTo(1);
            }
            assertThat(new DayRollups(store, ZONE).aggregate(start, NOW, NOW).overall().count())
                    .as("the altered rollup is used as stored").isEqualTo(counted + 1000);
        }
    }

    @Test
    void overallCountsOfAComparisonPeriodUseRollupsWhereThereAreSome() throws Exception {
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(dir.resolve("h.db"))) {
            SyntheticFeedback.seed(24).count(2000).between(NOW.minusSeconds(40L * 86400), NOW).into(store);
            Instant start = NOW.minusSeconds(30L * 86400);
            Instant middle = NOW.minusSeconds(12L * 86400 + 5000);
            assertThat(new DayRollups(store, ZONE).overall(start, NOW, NOW).toArray())
                    .isEqualTo(fresh(store, start).overall().toArray());
            new DayRollups(store, ZONE).aggregate(middle, NOW, NOW);
            assertThat(rollupCount(dir.resolve("h.db"))).as("the comparison below reads rollups").isPositive();
            SyntheticFeedback.seed(25).count(300).between(NOW.minusSeconds(35L * 86400), NOW).into(store);
            assertThat(new DayRollups(store, ZONE).overall(start, NOW, NOW).toArray())
                    .isEqualTo(fresh(store, start).overall().toArray());
        }
    }

    @Test
    void aCalendarMonthIsCountedWholeAndSkipsDaysAfterNow() {
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(dir.resolve("g.db"))) {
            SyntheticFeedback.seed(23).count(1500).between(NOW.minusSeconds(40L * 86400), NOW).into(store);
            ReportPeriod nov = ReportPeriod.month("2026-11", ZONE);
            WindowAggregate viaRollups = new DayRollups(store, ZONE).aggregate(nov.start(), nov.end(), NOW);
            WindowAggregate scanned = WindowScan.aggregate(store, nov.start(), nov.end(), () -> new WindowAggregate(ZONE, 0, 0));
            assertSame(viaRollups, scanned);
        }
    }

    @Test
    void anEdgeDayIsItsRollupLessTheShorterRestOfTheDay() throws Exception {
        Path db = dir.resolve("e.db");
        try (SqliteFeedbackStore store = withRollups(db, 27)) {
            // starts at 03:00 and ends at 21:00 local time: both edge days are mostly inside the period
            Instant start = ZonedDateTime.of(2026, 11, 3, 3, 0, 0, 0, ZONE).toInstant();
            Instant end = ZonedDateTime.of(2026, 11, 20, 21, 0, 0, 0, ZONE).toInstant();
            WindowAggregate viaRollups = new DayRollups(store, ZONE).aggregate(start, end, NOW);
            assertSame(viaRollups, scanned(store, start, end));

            addToRollup(db, "2026-11-03", 1000);
            addToRollup(db, "2026-11-20", 1000);
            assertThat(new DayRollups(store, ZONE).aggregate(start, end, NOW).overall().count())
                    .as("both edge days come from their (altered) rollups").isEqualTo(viaRollups.overall().count() + 2000);
        }
    }

    @Test
    void anEdgeDayMostlyOutsideThePeriodIsScannedAndTodayHasNoRollup() throws Exception {
        Path db = dir.resolve("s.db");
        try (SqliteFeedbackStore store = withRollups(db, 28)) {
            Instant start = ZonedDateTime.of(2026, 11, 3, 21, 0, 0, 0, ZONE).toInstant();
            addToRollup(db, "2026-11-03", 1000);
            assertSame(new DayRollups(store, ZONE).aggregate(start, NOW, NOW), scanned(store, start, NOW));
            assertThat(rollupCount(db)).as("the 34 whole days: none for today, which has not ended").isEqualTo(34);
        }
    }

    @Test
    void afterNewFeedbackEveryRollupUsedIsKeptAsOfTheNewestEntry() throws Exception {
        Path db = dir.resolve("n.db");
        try (SqliteFeedbackStore store = withRollups(db, 29)) {
            Instant start = NOW.minusSeconds(35L * 86400);
            // new feedback for only a few of the days: the others' rollups are current as well
            SyntheticFeedback.seed(30).count(5).between(NOW.minusSeconds(3L * 86400), NOW).into(store);
            assertSame(new DayRollups(store, ZONE).aggregate(start, NOW, NOW), fresh(store, start));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                 ResultSet rs = c.createStatement().executeQuery("SELECT DISTINCT json_extract(analysis_data, "
                         + "'$.max_id') = (SELECT max(id) FROM feedback) FROM pattern_cache WHERE cache_key LIKE 'report-day/%'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).as("the next report reads only entries added after this one").isTrue();
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void aDayWithoutEntriesHasNoDailyPointAsInAScan() {
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(dir.resolve("z.db"))) {
            Instant gapStart = ZonedDateTime.of(2026, 11, 10, 0, 0, 0, 0, ZONE).toInstant();
            SyntheticFeedback.seed(31).count(500).between(NOW.minusSeconds(20L * 86400), gapStart).into(store);
            SyntheticFeedback.seed(32).count(500).between(gapStart.plusSeconds(86400), NOW).into(store);
            Instant start = NOW.minusSeconds(19L * 86400);
            new DayRollups(store, ZONE).aggregate(start, NOW, NOW);
            WindowAggregate viaRollups = new DayRollups(store, ZONE).aggregate(start, NOW, NOW);
            assertThat(viaRollups.days()).doesNotContainKey(LocalDate.of(2026, 11, 10));
            assertSame(viaRollups, scanned(store, start, NOW));
        }
    }

    @Test
    void totalsOfAComparisonPeriodCountItsPartialDaysInTheDatabase() {
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(dir.resolve("t.db"))) {
            SyntheticFeedback.seed(33).count(2000).between(NOW.minusSeconds(40L * 86400), NOW).into(store);
            Instant start = NOW.minusSeconds(30L * 86400);
            Instant end = NOW.minusSeconds(7L * 86400);
            Tally expected = scanned(store, start, end).overall();
            assertThat(new DayRollups(store, ZONE).totals(start, end, NOW).toArray()).isEqualTo(expected.toArray());
            assertThat(new DayRollups(store, ZONE).totals(start, end, NOW).toArray()).isEqualTo(expected.toArray());
        }
    }

    /** A store with 40 days of feedback and rollups of the last 35. */
    static SqliteFeedbackStore withRollups(Path db, long seed) {
        SqliteFeedbackStore store = SqliteFeedbackStore.open(db);
        SyntheticFeedback.seed(seed).count(3000).between(NOW.minusSeconds(40L * 86400), NOW).into(store);
        new DayRollups(store, ZONE).aggregate(NOW.minusSeconds(35L * 86400), NOW, NOW);
        return store;
    }

    static WindowAggregate scanned(SqliteFeedbackStore store, Instant start, Instant end) {
        return WindowScan.aggregate(store, start, end, () -> new WindowAggregate(ZONE, 0, 0));
    }

    static WindowAggregate fresh(SqliteFeedbackStore store, Instant start) {
        return WindowScan.aggregate(store, start, NOW, () -> new WindowAggregate(ZONE, 0, 0));
    }

    static void assertSame(WindowAggregate a, WindowAggregate b) {
        assertThat(a.overall().toArray()).isEqualTo(b.overall().toArray());
        assertThat(arrays(a.frameworks())).isEqualTo(arrays(b.frameworks()));
        assertThat(arrays(a.models())).isEqualTo(arrays(b.models()));
        assertThat(arrays(a.tags())).isEqualTo(arrays(b.tags()));
        assertThat(arrays(a.days())).isEqualTo(arrays(b.days()));
        for (int i = 0; i < a.features().length; i++) {
            assertThat(a.features()[i].toArray()).isEqualTo(b.features()[i].toArray());
        }
    }

    static <K> Map<K, String> arrays(Map<K, Tally> m) {
        return m.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> java.util.Arrays.toString(e.getValue().toArray())));
    }

    /** Alters the kept rollup of {@code day}: its entry count grows by {@code extra}. */
    static void addToRollup(Path db, String day, int extra) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(c.createStatement().executeUpdate("UPDATE pattern_cache SET analysis_data = json_set(analysis_data,"
                    + " '$.overall[0]', json_extract(analysis_data, '$.overall[0]') + " + extra + ") WHERE cache_key = '"
                    + DayRollups.PREFIX + ZONE.getId() + "/" + day + "'")).isEqualTo(1);
        }
    }

    static int rollupCount(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM pattern_cache WHERE cache_key LIKE 'report-day/%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
