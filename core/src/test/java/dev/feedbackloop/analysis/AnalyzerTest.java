package dev.feedbackloop.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.InsufficientDataException;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import dev.feedbackloop.testdata.SyntheticFeedback;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzerTest {
    static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

    @TempDir
    Path dir;
    dev.feedbackloop.storage.FeedbackStore store;

    @BeforeEach
    void open() {
        store = openStore();
    }

    /** The store under test: a SQLite file here; subclasses run the same scenarios on other databases. */
    dev.feedbackloop.storage.FeedbackStore openStore() {
        return SqliteFeedbackStore.open(dir.resolve("feedback.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    Analyzer at(Instant now) {
        return new Analyzer(store, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void findsPlantedEffectsWithTheRightSign() {
        SyntheticFeedback.seed(7).count(4000).baseRate(0.45)
                .examples(0.4, 0.25)
                .framework("direct-answer", -0.25)
                .tag("hallucination", -0.3)
                .model("claude-opus-4", 0.2)
                .phrase("legacy system", 0.25, -0.25)
                .into(store);

        PatternAnalysis a = at(NOW).analyze(30, 10);

        assertThat(a.totalFeedback()).isEqualTo(4000);
        assertThat(finding(a, "feature", "examples")).hasValueSatisfying(f -> {
            assertThat(f.significant()).isTrue();
            assertThat(f.effect()).isBetween(0.15, 0.35);
            assertThat(f.ci().contains(0.25)).isTrue();
        });
        assertThat(finding(a, "framework", "direct-answer"))
                .hasValueSatisfying(f -> assertThat(f.significant() && f.effect() < -0.1).isTrue());
        assertThat(finding(a, "tag", "hallucination"))
                .hasValueSatisfying(f -> assertThat(f.significant() && f.effect() < -0.1).isTrue());
        assertThat(finding(a, "model", "claude-opus-4"))
                .hasValueSatisfying(f -> assertThat(f.significant() && f.effect() > 0.1).isTrue());
        assertThat(finding(a, "phrase", "legacy system"))
                .hasValueSatisfying(f -> assertThat(f.significant() && f.effect() < 0).isTrue());
        assertThat(a.commonNegativePatterns()).extracting(m -> m.get("phrase")).contains("legacy system");
        assertThat(a.commonPositivePatterns()).extracting(m -> (String) m.get("phrase"))
                .anySatisfy(p -> assertThat(p).contains("example"));
        assertThat(a.recommendations()).anySatisfy(r -> assertThat(r).contains("examples"));
        assertThat(a.recommendationDetails()).allSatisfy(r -> assertThat(r.evidence()).contains("q = "));
    }

    @Test
    void groupsBelowMinimumSupportAreReportedButNeverSignificant() {
        SyntheticFeedback.seed(3).count(600).into(store);
        Instant t = NOW.minusSeconds(3600);
        try (var w = store.openBatch()) {
            for (int i = 0; i < 12; i++) {
                w.add(FeedbackEntry.builder("Explain it.", "fine", 5).thumbsUp(true).framework("tiny-framework")
                        .timestamp(t.plusSeconds(i)).feedbackId("tiny-" + i).build());
            }
            w.commit();
        }
        PatternAnalysis a = at(NOW).analyze(30, 5);
        GroupPerformance tiny = a.frameworkPerformance().get("tiny-framework");
        assertThat(tiny.count()).isEqualTo(12);
        assertThat(tiny.successRate()).isEqualTo(1.0);
        assertThat(tiny.enoughData()).isFalse();
        assertThat(finding(a, "framework", "tiny-framework"))
                .hasValueSatisfying(f -> assertThat(f.significant()).isFalse());
        assertThat(List.copyOf(a.frameworkPerformance().keySet())).last().isEqualTo("tiny-framework");
    }

    @Test
    void tooFewEntriesIsAnError() {
        SyntheticFeedback.seed(1).count(3).into(store);
        assertThatThrownBy(() -> at(NOW).analyze(30, 5))
                .isInstanceOf(InsufficientDataException.class)
                .hasMessage("Insufficient feedback data: found 3, need 5");
        assertThatThrownBy(() -> at(NOW).analyze(0, 5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("days");
    }

    @Test
    void withTooLittleDataSaysHowMuchIsNeeded() {
        SyntheticFeedback.seed(2).count(40).into(store);
        PatternAnalysis a = at(NOW).analyze(30, 5);
        assertThat(a.findings()).noneMatch(Finding::significant);
        assertThat(a.recommendationDetails()).singleElement().satisfies(r -> {
            assertThat(r.text()).startsWith("Collect more feedback");
            assertThat(r.evidence()).contains("entries in each group compared");
        });
        assertThat(a.entriesNeededPerGroup()).isBetween(300L, 400L);
    }

    @Test
    void repeatedAnalysisComesFromTheCacheUntilFeedbackArrives() throws Exception {
        SyntheticFeedback.seed(5).count(500).into(store);
        PatternAnalysis first = at(NOW).analyze(30, 5);
        assertThat(first.fromCache()).isFalse();

        PatternAnalysis second = at(NOW).analyze(30, 5);
        assertThat(second.fromCache()).isTrue();
        assertThat(second.findings()).isEqualTo(first.findings());
        assertThat(second.commonNegativePatterns()).isEqualTo(first.commonNegativePatterns());

        PatternAnalysis minuteLater = at(NOW.plusSeconds(60)).analyze(30, 5);
        assertThat(minuteLater.fromCache()).isTrue();
        assertThat(minuteLater.window().end()).as("within 1/100 of the window: the window computed").isEqualTo(NOW);

        Instant later = NOW.plusSeconds(8 * 3600);
        PatternAnalysis hoursLater = at(later).analyze(30, 5);
        assertThat(hoursLater.fromCache()).as("no entry left or entered the window").isTrue();
        assertThat(hoursLater.window().end()).isEqualTo(later);
        assertThat(AnalysisJson.mapper().readTree(new Analyzer(store, Clock.fixed(later, ZoneOffset.UTC))
                .analyzeJson(AnalysisOptions.of(30, 5))).get("window").get("end").asText())
                .isEqualTo(later.toString());

        PatternAnalysis otherParameters = at(NOW).analyze(30, 6);
        assertThat(otherParameters.fromCache()).isFalse();

        store.insert(FeedbackEntry.builder("Explain caching.", "ok", 1).thumbsUp(false)
                .timestamp(NOW.minusSeconds(10)).build());
        PatternAnalysis afterNew = at(NOW).analyze(30, 5);
        assertThat(afterNew.fromCache()).isFalse();
        assertThat(afterNew.totalFeedback()).isEqualTo(501);
        assertThat(at(NOW).analyze(30, 5).fromCache()).isTrue();
    }

    @Test
    void aWindowThatLostEntriesIsRecomputed() {
        SyntheticFeedback.seed(6).count(300).between(NOW.minusSeconds(86400 * 10), NOW).into(store);
        PatternAnalysis first = at(NOW).analyze(7, 5);
        PatternAnalysis dayLater = at(NOW.plusSeconds(86400)).analyze(7, 5);
        assertThat(dayLater.fromCache()).isFalse();
        assertThat(dayLater.totalFeedback()).isLessThan(first.totalFeedback());
    }

    @Test
    void jsonKeepsTheSpecificationsFieldsAndRoundTrips() throws Exception {
        SyntheticFeedback.seed(8).count(800).examples(0.5, 0.2).into(store);
        PatternAnalysis a = at(NOW).analyze(30, 5);
        String json = AnalysisJson.write(a);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = AnalysisJson.mapper().readValue(json, Map.class);
        assertThat(m).containsKeys("total_feedback", "positive_count", "negative_count", "success_rate",
                "common_positive_patterns", "common_negative_patterns", "tag_performance", "framework_performance",
                "recommendations", "window", "success_rate_ci", "model_performance", "findings",
                "recommendation_details");
        @SuppressWarnings("unchecked")
        Map<String, Object> finding = ((List<Map<String, Object>>) m.get("findings")).get(0);
        assertThat(finding).containsKeys("kind", "name", "effect", "ci", "p_value", "q_value", "significant", "support");
        assertThat((List<?>) m.get("recommendations")).allMatch(r -> r instanceof String);
        @SuppressWarnings("unchecked")
        Map<String, Object> group = (Map<String, Object>) ((Map<String, Object>) m.get("framework_performance"))
                .get("few-shot");
        assertThat(group).containsKeys("count", "success_rate", "avg_rating", "ci");
        assertThat(AnalysisJson.readAnalysis(json)).isEqualTo(a);
        assertThat(a.featurePerformance()).containsKey("examples").doesNotContainKey("code block");
    }

    static Optional<Finding> finding(PatternAnalysis a, String kind, String name) {
        return a.findings().stream().filter(f -> f.kind().equals(kind) && f.name().equals(name)).findFirst();
    }
}
