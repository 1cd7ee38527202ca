package dev.feedbackloop.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.analysis.AnalysisJson;
import dev.feedbackloop.analysis.AnalysisOptions;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.DataVersion;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import dev.feedbackloop.testdata.SyntheticFeedback;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repeated report is answered from the cache only when a new computation would count the same
 * entries: nothing new in the store, and a rolling period either slid by at most 1/100 of its length
 * (returned as it was) or slid over no entry at any of its edges (renewed, equal to a new computation).
 * Run on PostgreSQL by a subclass.
 */
class ReportCacheTest {
    static final Instant NOW = Instant.parse("2026-11-27T14:37:25Z");
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final int SUPPORT = AnalysisOptions.DEFAULT_MIN_SUPPORT;
    static final String MARK = "answered from the cache";
    /** Beyond a week's 1/100 (1.7 hours), within which a rolling report is returned as it was. */
    static final Duration SLIDE = Duration.ofHours(2);
    static final Instant PREVIOUS_START = NOW.minus(Duration.ofDays(14));
    static final Instant BOUNDARY = NOW.minus(Duration.ofDays(7));

    @TempDir
    Path dir;
    FeedbackStore store;

    FeedbackStore openStore() {
        return SqliteFeedbackStore.open(dir.resolve("feedback.db"));
    }

    /**
     * 20 days of feedback with nothing in the 3 hours after the start the previous week has at NOW and
     * in the 6 hours after the boundary between the weeks, so the weeks can slide quietly.
     */
    @BeforeEach
    void open() {
        store = openStore();
        insert(SyntheticFeedback.seed(31).count(2500).between(NOW.minus(Duration.ofDays(20)), NOW)
                .framework("few-shot", 0.15).model("model-b", -0.1).build().stream()
                .filter(e -> !within(e.timestamp(), PREVIOUS_START, 3) && !within(e.timestamp(), BOUNDARY, 6))
                .toList());
    }

    @AfterEach
    void close() {
        store.close();
    }

    static boolean within(Instant t, Instant from, int hours) {
        return !t.isBefore(from) && t.isBefore(from.plus(Duration.ofHours(hours)));
    }

    private void insert(List<FeedbackEntry> batch) {
        try (BatchWriter w = store.openBatch()) {
            batch.forEach(w::add);
            w.commit();
        }
    }

    /** One entry at {@code at}, written before any report. */
    private void plant(Instant at) {
        insert(SyntheticFeedback.seed(40).count(1).between(at, at.plusMillis(1)).build());
    }

    static Reporter at(FeedbackStore store, Instant now) {
        return new Reporter(store, Clock.fixed(now, ZONE));
    }

    ImprovementReport weekly(Instant now) {
        Reporter r = at(store, now);
        return r.generate(r.rolling(ReportPeriod.Kind.WEEKLY), SUPPORT);
    }

    /** What a computation without the cache gives at {@code now}. */
    ImprovementReport fresh(ReportPeriod.Kind kind, Instant now) {
        Reporter r = at(store, now);
        ReportPeriod period = r.rolling(kind);
        store.dropCache(Reporter.cacheKey(period, SUPPORT, ZONE));
        return r.generate(period, SUPPORT);
    }

    /** Marks the cached report so that an answer from the cache can be told from a computed one. */
    void markCached(ReportPeriod period) {
        String key = Reporter.cacheKey(period, SUPPORT, ZONE);
        DataVersion version = store.dataVersion();
        String json = store.cached(key, version).orElseThrow();
        ObjectNode tree = AnalysisJson.read(json, ObjectNode.class);
        tree.putArray("action_items").add(MARK);
        store.putCache(key, version, AnalysisJson.write(tree));
    }

    /** The weekly report at NOW, computed and marked in the cache. */
    void weeklyAtNowMarked() {
        weekly(NOW);
        markCached(at(store, NOW).rolling(ReportPeriod.Kind.WEEKLY));
    }

    @Test
    void aRepeatedRollingReportWithinAHundredthOfItsPeriodIsReturnedAsItWas() {
        Instant hourAgo = NOW.minus(Duration.ofHours(1));
        ImprovementReport first = weekly(hourAgo);
        assertThat(store.noneBetween(hourAgo.minus(Duration.ofDays(7)), BOUNDARY))
                .as("entries aged out of the week since").isFalse();
        assertThat(weekly(NOW)).isEqualTo(first);
    }

    @Test
    void aRepeatedReportThatSlidOverNoEntryIsTheComputedOneRenewed() {
        ImprovementReport first = weekly(NOW);
        Instant later = NOW.plus(SLIDE);

        ImprovementReport repeated = weekly(later);
        ImprovementReport computed = fresh(ReportPeriod.Kind.WEEKLY, later);

        assertThat(repeated).isEqualTo(computed);
        assertThat(repeated.startDate()).isEqualTo(later.minus(Duration.ofDays(7)));
        assertThat(repeated.endDate()).isEqualTo(later);
        assertThat(repeated.previous().startDate()).isEqualTo(later.minus(Duration.ofDays(14)));
        assertThat(repeated.generatedAt()).isEqualTo(later);
        assertThat(repeated.totalPrompts()).isEqualTo(first.totalPrompts()).isPositive();
    }

    @Test
    void aRenewedReportIsSavedAndAnsweredFromTheCache() {
        weeklyAtNowMarked();
        Instant later = NOW.plus(SLIDE);
        ImprovementReport hit = weekly(later);
        assertThat(hit.actionItems()).as("answered from the cache").containsExactly(MARK);
        assertThat(hit.endDate()).isEqualTo(later);
        assertThat(at(store, later).saved(ReportPeriod.Kind.WEEKLY, hit.period()).orElseThrow())
                .as("saved like a computed one").contains(MARK).contains(later.toString());
    }

    @Test
    void theStartOfThePeriodBeforeSlidingOverAnEntryComputesAgain() {
        weeklyAtNowMarked();
        Instant later = NOW.plus(Duration.ofHours(4));
        assertThat(store.noneBetween(PREVIOUS_START, later.minus(Duration.ofDays(14)))).isFalse();
        assertThat(store.noneBetween(BOUNDARY, later.minus(Duration.ofDays(7)))).isTrue();
        ImprovementReport slid = weekly(later);
        assertThat(slid.actionItems()).doesNotContain(MARK);
        assertThat(slid).isEqualTo(fresh(ReportPeriod.Kind.WEEKLY, later));
    }

    @Test
    void anEntryMovingIntoThePeriodBeforeComputesAgain() {
        ImprovementReport slid = slidOverAnEntryAt(BOUNDARY.plus(Duration.ofHours(1)));
        assertThat(slid).isEqualTo(fresh(ReportPeriod.Kind.WEEKLY, NOW.plus(SLIDE)));
    }

    @Test
    void anEntryEnteringThePeriodAtItsEndComputesAgain() {
        ImprovementReport slid = slidOverAnEntryAt(NOW.plus(Duration.ofHours(1)));
        assertThat(slid.totalPrompts()).isEqualTo(fresh(ReportPeriod.Kind.WEEKLY, NOW.plus(SLIDE)).totalPrompts());
    }

    /** An entry at {@code at}, the weekly report at NOW cached and marked, then the week slid by SLIDE: computed again. */
    private ImprovementReport slidOverAnEntryAt(Instant at) {
        plant(at);
        weeklyAtNowMarked();
        ImprovementReport slid = weekly(NOW.plus(SLIDE));
        assertThat(slid.actionItems()).doesNotContain(MARK);
        return slid;
    }

    @Test
    void newFeedbackComputesAgainEvenWithinTheTolerance() {
        weeklyAtNowMarked();
        insert(SyntheticFeedback.seed(32).count(1).between(NOW.minus(Duration.ofDays(30)),
                NOW.minus(Duration.ofDays(29))).build());
        assertThat(weekly(NOW.plusSeconds(1)).actionItems()).doesNotContain(MARK);
    }

    @Test
    void aCalendarPeriodIsAnsweredFromTheCacheUntilSomethingIsAdded() {
        ReportPeriod month = ReportPeriod.month("2026-11", ZONE);
        ImprovementReport first = at(store, NOW).generate(month, SUPPORT);
        markCached(month);
        Reporter later = at(store, NOW.plus(Duration.ofHours(5)));
        ImprovementReport hit = later.generate(month, SUPPORT);
        assertThat(hit.actionItems()).containsExactly(MARK);
        assertThat(hit.generatedAt()).as("as it was").isEqualTo(NOW);

        insert(SyntheticFeedback.seed(33).count(3).between(NOW.minus(Duration.ofDays(3)), NOW).build());
        ImprovementReport recomputed = later.generate(month, SUPPORT);
        assertThat(recomputed.actionItems()).doesNotContain(MARK);
        assertThat(recomputed.totalPrompts()).isEqualTo(first.totalPrompts() + 3);
    }

    @Test
    void theReportSavedLastUnderALabelIsTheOneHandedOutLast() {
        Reporter r = at(store, NOW);
        ReportPeriod rolling = r.rolling(ReportPeriod.Kind.WEEKLY);
        ReportPeriod calendar = ReportPeriod.isoWeek(rolling.label(), ZONE);
        String calendarJson = AnalysisJson.write(r.generate(calendar, SUPPORT));
        r.generate(rolling, SUPPORT);
        assertThat(r.saved(ReportPeriod.Kind.WEEKLY, rolling.label()).orElseThrow()).isNotEqualTo(calendarJson);
        assertThat(r.generateJson(calendar, SUPPORT)).as("from the cache, as it was").isEqualTo(calendarJson);
        assertThat(r.saved(ReportPeriod.Kind.WEEKLY, rolling.label()).orElseThrow()).isEqualTo(calendarJson);
    }

    @Test
    void aRollingPeriodOfAnotherLengthIsNotTheCachedOne() {
        Reporter r = at(store, NOW);
        r.generate(r.rolling(ReportPeriod.Kind.MONTHLY), SUPPORT);
        ReportPeriod quarter = new ReportPeriod("2026-11", ReportPeriod.Kind.MONTHLY, NOW.minus(Duration.ofDays(90)), NOW,
                false);
        ImprovementReport longer = r.generate(quarter, SUPPORT);
        assertThat(longer.startDate()).isEqualTo(NOW.minus(Duration.ofDays(90)));
        assertThat(r.generate(r.rolling(ReportPeriod.Kind.MONTHLY), SUPPORT).startDate())
                .isEqualTo(NOW.minus(Duration.ofDays(30)));
    }

    @Test
    void aMonthlyReportRepeatedADayLaterWithNothingNewAtItsEdgesIsTheComputedOne() {
        Reporter r = at(store, NOW);
        r.generate(r.rolling(ReportPeriod.Kind.MONTHLY), SUPPORT);
        // the entries span the last 20 days: both periods' edges slide through empty time
        Instant later = NOW.plus(Duration.ofDays(1));
        assertThat(store.noneBetween(NOW.minus(Duration.ofDays(30)), later.minus(Duration.ofDays(30)))).isTrue();
        Reporter next = at(store, later);
        ImprovementReport repeated = next.generate(next.rolling(ReportPeriod.Kind.MONTHLY), SUPPORT);
        assertThat(repeated).isEqualTo(fresh(ReportPeriod.Kind.MONTHLY, later));
        assertThat(repeated.endDate()).isEqualTo(later);
    }
}
