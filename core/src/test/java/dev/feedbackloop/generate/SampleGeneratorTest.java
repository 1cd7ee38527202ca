package dev.feedbackloop.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.capture.PromptFeature;
import dev.feedbackloop.generate.SampleGenerator.Sample;
import dev.feedbackloop.generate.SampleGenerator.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SampleGeneratorTest {
    private static final Instant ANCHOR = Instant.parse("2026-11-27T14:37:25Z");
    private static final Set<PromptFeature> PLANTABLE = RatingModelKeys.planted();

    private static List<Sample> generate(int count, long seed) {
        List<Sample> out = new ArrayList<>();
        new SampleGenerator(new Settings(count, 30, seed, ANCHOR)).forEach(out::add);
        return out;
    }

    @Test
    void sameSettingsGiveTheSameEntriesAndAnotherSeedOthers() {
        List<Sample> a = generate(500, 42);
        List<Sample> b = generate(500, 42);
        List<Sample> c = generate(500, 43);
        assertThat(a).isEqualTo(b);
        assertThat(a).extracting(s -> s.entry().feedbackId()).doesNotHaveDuplicates();
        assertThat(c.get(0).entry()).isNotEqualTo(a.get(0).entry());
    }

    @Test
    void entriesAreValidAndSpreadOverTheWindowInOrder() {
        List<Sample> samples = generate(2000, 1);
        Instant previous = Instant.MIN;
        for (Sample s : samples) {
            FeedbackEntry e = s.entry();
            assertThat(e.timestamp()).isAfterOrEqualTo(previous).isBefore(ANCHOR)
                    .isAfter(ANCHOR.minus(Duration.ofDays(30)));
            previous = e.timestamp();
            assertThat(e.framework()).isIn(SampleGenerator.frameworks());
            assertThat(e.model()).isIn(SampleGenerator.models());
            assertThat(e.taskType()).isIn(null, s.taskType());
        }
        assertThat(samples.get(0).entry().timestamp()).isBefore(ANCHOR.minus(Duration.ofDays(29)));
        assertThat(samples).extracting(s -> s.entry().rating()).contains(1, 2, 3, 4, 5);
        assertThat(samples).filteredOn(s -> s.entry().notes() != null).hasSizeBetween(400, 800);
        assertThat(samples).filteredOn(s -> s.entry().taskType() != null).hasSizeBetween(1200, 1600);
    }

    @Test
    void plantedFeaturesAreExactlyTheDetectedOnes() {
        for (Sample s : generate(5000, 7)) {
            Set<PromptFeature> detected = PromptFeature.fromMask(s.entry().promptFeatures());
            detected.retainAll(PLANTABLE);
            assertThat(detected).as(s.entry().prompt()).isEqualTo(s.features());
        }
    }

    @Test
    void plantedEffectsShowInTheRatings() {
        List<Sample> samples = generate(30_000, 42);
        RatingModel model = SampleGenerator.describe();
        for (PromptFeature f : PLANTABLE) {
            double with = mean(samples, s -> PromptFeature.fromMask(s.entry().promptFeatures()).contains(f));
            double without = mean(samples, s -> !s.vague()
                    && !PromptFeature.fromMask(s.entry().promptFeatures()).contains(f));
            assertThat(model.featureEffects().get(f)).isPositive();
            assertThat(with - without).as(f.label()).isGreaterThan(model.featureEffects().get(f) / 3);
        }
        double vague = mean(samples, Sample::vague);
        double clear = mean(samples, s -> !s.vague());
        assertThat(clear - vague).isGreaterThan(0.8);
        assertThat(mean(samples, s -> s.taskType().equals("math") && "chain-of-thought".equals(s.entry().framework())))
                .isGreaterThan(mean(samples, s -> s.taskType().equals("math")
                        && "direct-answer".equals(s.entry().framework())) + 0.8);
        assertThat(mean(samples, s -> "claude-opus-4".equals(s.entry().model())))
                .isGreaterThan(mean(samples, s -> "gpt-4o-mini".equals(s.entry().model())) + 0.2);
        long polar = samples.stream().filter(s -> s.entry().rating() != 3).count();
        long disagree = samples.stream().filter(s -> s.entry().rating() != 3
                && (s.entry().rating() >= 4) != s.entry().thumbsUp()).count();
        assertThat((double) disagree / polar).isBetween(0.07, 0.13);
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThatThrownBy(() -> new Settings(-1, 30, 1, ANCHOR)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("count");
        assertThatThrownBy(() -> new Settings(10, 0, 1, ANCHOR)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("days");
    }

    private static double mean(List<Sample> samples, Predicate<Sample> filter) {
        return samples.stream().filter(filter).mapToInt(s -> s.entry().rating()).average().orElseThrow();
    }

    /** The features the generator can plant: those with an effect in its model. */
    static final class RatingModelKeys {
        static Set<PromptFeature> planted() {
            Set<PromptFeature> set = EnumSet.noneOf(PromptFeature.class);
            set.addAll(SampleGenerator.describe().featureEffects().keySet());
            return new HashSet<>(set);
        }
    }
}
