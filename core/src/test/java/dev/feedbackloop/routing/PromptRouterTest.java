package dev.feedbackloop.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptRouterTest {
    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    static final String MATH = "Calculate the derivative of x^2";

    @TempDir
    Path dir;
    FeedbackStore store;
    PromptRouter router;

    @BeforeEach
    void open() {
        store = openStore();
        router = new PromptRouter(RoutingRules.defaults(), store, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The store under test: a SQLite file here; subclasses run the same scenarios on other databases. */
    FeedbackStore openStore() {
        return SqliteFeedbackStore.open(dir.resolve("feedback.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void learnsThatAnotherFrameworkIsMuchBetterForATaskType() {
        plant("math", "first-principles", 200, 0.9, NOW);
        plant("math", "chain-of-thought", 200, 0.3, NOW);
        plant("math", "structured-prompting", 50, 0.4, NOW);
        plant("math", "direct-answer", 50, 0.2, NOW);
        int picked = 0;
        for (long seed = 0; seed < 100; seed++) {
            RoutingDecision d = router.route(MATH, new RouteOptions(RouterMode.LEARNING, seed));
            if (d.primaryFramework().equals("first-principles")) {
                picked++;
            }
        }
        assertThat(picked).isGreaterThanOrEqualTo(90);
        RoutingDecision d = router.route(MATH, new RouteOptions(RouterMode.LEARNING, 1L));
        assertThat(d.primaryFramework()).isEqualTo("first-principles");
        assertThat(d.ruleFramework()).isEqualTo("chain-of-thought");
        assertThat(d.techniques()).containsExactly("identify-fundamentals", "build-up-from-basics", "verify-result");
        assertThat(d.confidence()).isGreaterThan(0.95);
        assertThat(d.reasoning()).contains("first-principles").contains("rule default chain-of-thought");
        CandidateEstimate fp = estimate(d, "first-principles");
        assertThat(fp.outcomes()).isEqualTo(200);
        assertThat(fp.positives()).isEqualTo(180);
        assertThat(fp.posterior().alpha()).isCloseTo(1 + 180, within(1e-9));
        assertThat(fp.posterior().beta()).isCloseTo(1 + 20, within(1e-9));
        assertThat(fp.source()).isEqualTo(CandidateEstimate.Source.RULE_CANDIDATE);
        assertThat(estimate(d, "chain-of-thought").prior().alpha()).isCloseTo(3.9, within(1e-9));
    }

    @Test
    void theSameSeedAndDataGiveTheSameDecision() {
        plant("math", "first-principles", 5, 0.6, NOW);
        plant("math", "chain-of-thought", 5, 0.6, NOW);
        RouteOptions o = new RouteOptions(RouterMode.LEARNING, 99L);
        assertThat(router.route(MATH, o).toMap(true)).isEqualTo(router.route(MATH, o).toMap(true));
        assertThat(router.route(MATH, o).explanation().seed()).isEqualTo(99L);
    }

    @Test
    void aFrameworkOnlyFeedbackKnowsBecomesACandidate() {
        plant("math", "Socratic-Method", 60, 0.95, NOW);
        plant("math", "chain-of-thought", 60, 0.4, NOW);
        RoutingDecision d = router.route(MATH, new RouteOptions(RouterMode.LEARNING, 5L));
        assertThat(d.candidates()).contains("socratic-method");
        CandidateEstimate s = estimate(d, "socratic-method");
        assertThat(s.source()).isEqualTo(CandidateEstimate.Source.FEEDBACK);
        assertThat(s.outcomes()).isEqualTo(60);
        assertThat(d.primaryFramework()).isEqualTo("socratic-method");
        assertThat(d.techniques()).containsExactly("verify-result");
        assertThat(d.reasoning()).contains("feedback brought it in");
        assertThat(router.route("Write a blog post about cats", new RouteOptions(RouterMode.LEARNING, 5L))
                .candidates()).doesNotContain("socratic-method");
    }

    @Test
    void incrementalRefreshSeesNewCapturesOnly() {
        plant("code", "few-shot", 10, 1.0, NOW);
        router.route(MATH, new RouteOptions(RouterMode.LEARNING, 1L));
        assertThat(router.ledger().rows()).isEqualTo(10);
        long seenUpTo = router.ledger().lastId();

        plant("math", "structured-prompting", 40, 1.0, NOW);
        store.insert(FeedbackEntry.builder("unattributed", "o", 5).build());
        RoutingDecision d = router.route(MATH, new RouteOptions(RouterMode.LEARNING, 1L));
        assertThat(router.ledger().rows()).isEqualTo(50);
        assertThat(router.ledger().lastId()).isEqualTo(store.dataVersion().maxId()).isGreaterThan(seenUpTo);
        assertThat(estimate(d, "structured-prompting").outcomes()).isEqualTo(40);
        assertThat(d.primaryFramework()).isEqualTo("structured-prompting");
    }

    @Test
    void autoLearnsOnlyForTaskTypesWithFeedback() {
        assertThat(router.route(MATH).mode()).isEqualTo(RouterMode.STATIC);
        plant("math", "chain-of-thought", 1, 1.0, NOW);
        assertThat(router.route(MATH).mode()).isEqualTo(RouterMode.LEARNING);
        RoutingDecision other = router.route("Write a blog post about cats");
        assertThat(other.mode()).isEqualTo(RouterMode.STATIC);
        assertThat(other.confidence()).isEqualTo(new RuleRouter(RoutingRules.defaults())
                .route("Write a blog post about cats").confidence());
    }

    @Test
    void olderFeedbackWeighsLessByTheHalfLife() {
        plant("math", "first-principles", 8, 1.0, NOW.minus(Duration.ofDays(30)));
        plant("math", "first-principles", 4, 0.0, NOW.minus(Duration.ofDays(60)));
        CandidateEstimate fp = estimate(router.route(MATH, new RouteOptions(RouterMode.LEARNING, 1L)),
                "first-principles");
        assertThat(fp.outcomes()).isEqualTo(12);
        assertThat(fp.weightedPositives()).isCloseTo(8 * 0.5, within(1e-9));
        assertThat(fp.weightedOutcomes()).isCloseTo(8 * 0.5 + 4 * 0.25, within(1e-9));
        assertThat(fp.posterior().mean()).isCloseTo((1 + 4.0) / (2 + 5.0), within(1e-9));
    }

    @Test
    void baselineNudgesConfidenceButNeverTheDecision() {
        double rule = new RuleRouter(RoutingRules.defaults()).route(MATH).confidence();
        plant("math", "first-principles", 50, 1.0, NOW);
        plant("math", "chain-of-thought", 10, 0.9, NOW);
        RoutingDecision up = router.route(MATH, RouteOptions.of(RouterMode.BASELINE));
        assertThat(up.primaryFramework()).isEqualTo("chain-of-thought");
        assertThat(up.confidence()).isCloseTo(Math.min(1, rule * 1.1), within(1e-3));
        assertThat(up.reasoning()).endsWith(" | Framework performing well (90% success)");
        assertThat(up.explanation().nudge().factor()).isEqualTo(1.1);

        plant("math", "chain-of-thought", 30, 0.0, NOW);
        RoutingDecision down = router.route(MATH, RouteOptions.of(RouterMode.BASELINE));
        assertThat(down.primaryFramework()).isEqualTo("chain-of-thought");
        assertThat(down.confidence()).isCloseTo(rule * 0.9, within(1e-3));
        assertThat(down.reasoning()).contains("Framework needs improvement (23% success)");
    }

    @Test
    void baselineIgnoresFeedbackOlderThanItsWindowAndTooLittleData() {
        double rule = new RuleRouter(RoutingRules.defaults()).route(MATH).confidence();
        plant("math", "chain-of-thought", 2, 1.0, NOW);
        assertThat(router.route(MATH, RouteOptions.of(RouterMode.BASELINE)).confidence()).isEqualTo(rule);
        plant("math", "chain-of-thought", 50, 0.0, NOW.minus(Duration.ofDays(8)));
        RoutingDecision d = router.route(MATH, RouteOptions.of(RouterMode.BASELINE));
        assertThat(d.confidence()).isEqualTo(rule);
        assertThat(d.explanation().nudge().windowOutcomes()).isEqualTo(2);
    }

    @Test
    void decisionsFromManyThreadsWhileFeedbackArrives() throws Exception {
        plant("math", "chain-of-thought", 5, 0.5, NOW);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.List<java.util.concurrent.Future<RoutingDecision>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long seed = i;
            results.add(pool.submit(() -> router.route(MATH, new RouteOptions(RouterMode.LEARNING, seed))));
            if (i % 10 == 0) {
                plant("math", "first-principles", 5, 1.0, NOW);
            }
        }
        for (java.util.concurrent.Future<RoutingDecision> f : results) {
            RoutingDecision d = f.get();
            long seen = d.explanation().candidates().stream().mapToLong(CandidateEstimate::outcomes).sum();
            assertThat(seen).as("each decision sees whole plantings only").isIn(5L, 10L, 15L, 20L, 25L);
            assertThat(estimate(d, "chain-of-thought").outcomes()).isEqualTo(5);
        }
        pool.shutdown();
        router.route(MATH, RouteOptions.of(RouterMode.LEARNING));
        assertThat(router.ledger().rows()).isEqualTo(25);
    }

    @Test
    void weeklyTrendOfRoutedPromptsCountsEachWeeksAttributedOutcomes() {
        // NOW is Monday 2026-06-15: the last 90 days reach back to Wednesday 2026-03-18, in the week of 03-16
        plant("math", "chain-of-thought", 10, 0.8, NOW.minus(Duration.ofDays(6)));
        plant("math", "first-principles", 4, 0.5, NOW.minus(Duration.ofDays(7)));
        plant("math", "chain-of-thought", 20, 0.25, NOW);
        plant("math", "chain-of-thought", 5, 1.0, NOW.minus(Duration.ofDays(100)));
        plant("creative", "chain-of-thought", 7, 1.0, NOW);

        RoutedTrend trend = router.trend("Math", 90);

        assertThat(trend.weeks()).hasSize(14);
        assertThat(trend.weeks().get(0).start()).isEqualTo(java.time.LocalDate.parse("2026-03-16"));
        RoutedTrend.Week before = trend.weeks().get(12);
        assertThat(before.start()).isEqualTo(java.time.LocalDate.parse("2026-06-08"));
        assertThat(before.outcomes()).isEqualTo(14);
        assertThat(before.positives()).isEqualTo(10);
        assertThat(before.successRate()).isCloseTo(10 / 14.0, within(1e-12));
        assertThat(before.ci().low()).isCloseTo(0.4535, within(0.001));
        assertThat(before.ci().high()).isCloseTo(0.8828, within(0.001));
        assertThat(before.chosen()).containsExactlyInAnyOrderEntriesOf(
                Map.of("chain-of-thought", 10L, "first-principles", 4L));
        RoutedTrend.Week last = trend.weeks().get(13);
        assertThat(last.outcomes()).isEqualTo(20);
        assertThat(last.successRate()).isEqualTo(0.25);
        assertThat(last.chosen()).containsExactlyEntriesOf(Map.of("chain-of-thought", 20L));
        assertThat(trend.weeks().subList(0, 12)).allSatisfy(w -> {
            assertThat(w.outcomes()).isZero();
            assertThat(w.successRate()).isNull();
            assertThat(w.chosen()).isEmpty();
        });
    }

    static CandidateEstimate estimate(RoutingDecision d, String framework) {
        return d.explanation().candidates().stream().filter(c -> c.framework().equals(framework)).findFirst()
                .orElseThrow();
    }

    /** Stores n attributed outcomes, the first round(n * rate) positive. */
    void plant(String taskType, String framework, int n, double rate, Instant at) {
        long positives = Math.round(n * rate);
        try (BatchWriter w = store.openBatch()) {
            for (int i = 0; i < n; i++) {
                boolean positive = i < positives;
                w.add(FeedbackEntry.builder("task " + i, "output", positive ? 5 : 2).timestamp(at)
                        .routing(Map.of("task_type", taskType, "primary_framework", framework)).build());
            }
            w.commit();
        }
    }
}
