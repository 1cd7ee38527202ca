package dev.feedbackloop.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.AnalysisRow;
import dev.feedbackloop.testdata.SyntheticFeedback;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The comparisons are honest under no effect: across many seeds a feature without effect is called
 * significant about as often as the test's level allows, and planted effects are found with the
 * right sign. Runs the aggregation and statistics on rows directly (storage is tested elsewhere).
 */
class CalibrationTest {
    static final int SEEDS = 200;

    @Test
    void aFeatureWithoutEffectIsRarelyCalledSignificant() {
        int rawRejections = 0;
        int seedsWithAnyDiscovery = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            List<Finding> findings = findings(SyntheticFeedback.seed(seed).count(800).examples(0.4, 0.0).build());
            Finding examples = findings.stream().filter(f -> f.name().equals("examples")).findFirst().orElseThrow();
            if (examples.pValue() < 0.05) {
                rawRejections++;
            }
            if (findings.stream().anyMatch(Finding::significant)) {
                seedsWithAnyDiscovery++;
            }
        }
        System.out.printf("no effect, %d seeds: raw p < 0.05 in %d, any discovery after BH in %d%n", SEEDS,
                rawRejections, seedsWithAnyDiscovery);
        // Binomial(200, 0.05): mean 10, 99.9% of outcomes within 2..21
        assertThat(rawRejections).isBetween(2, 21);
        // Under the global null, BH bounds P(any discovery) by 5%: mean <= 10
        assertThat(seedsWithAnyDiscovery).isLessThanOrEqualTo(21);
    }

    @Test
    void aPlantedEffectIsFoundWithTheRightSignInNearlyEverySeed() {
        int found = 0;
        int wrongSign = 0;
        for (int seed = 1; seed <= 50; seed++) {
            List<Finding> findings = findings(SyntheticFeedback.seed(seed).count(1500).examples(0.5, -0.12).build());
            Finding examples = findings.stream().filter(f -> f.name().equals("examples")).findFirst().orElseThrow();
            if (examples.significant()) {
                found++;
                if (examples.effect() > 0) {
                    wrongSign++;
                }
            }
        }
        System.out.printf("12-point effect, 50 seeds: significant in %d, wrong sign %d%n", found, wrongSign);
        assertThat(found).isGreaterThanOrEqualTo(45);
        assertThat(wrongSign).isZero();
    }

    static List<Finding> findings(List<FeedbackEntry> entries) {
        WindowAggregate agg = new WindowAggregate(null, 0, 1);
        long id = 0;
        for (FeedbackEntry e : entries) {
            agg.accept(row(++id, e));
        }
        return GroupTables.of(agg, AnalysisOptions.DEFAULT_MIN_SUPPORT).comparisons()
                .findings(AnalysisOptions.DEFAULT_MIN_SUPPORT);
    }

    static AnalysisRow row(long id, FeedbackEntry e) {
        return new AnalysisRow(id, e.timestamp(), e.rating(), e.thumbsUp(), e.framework(), e.model(), e.taskType(),
                e.promptFeatures(), e.prompt().length(), e.tags());
    }
}
