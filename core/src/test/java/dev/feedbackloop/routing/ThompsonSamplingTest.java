package dev.feedbackloop.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class ThompsonSamplingTest {
    private final List<BetaPosterior> close = List.of(new BetaPosterior(6, 4), new BetaPosterior(5, 5),
            new BetaPosterior(7, 3));

    @Test
    void sameSeedSameDrawsAndChoice() {
        ThompsonSampling.Result a = ThompsonSampling.choose(close, new Well19937c(42));
        ThompsonSampling.Result b = ThompsonSampling.choose(close, new Well19937c(42));
        assertThat(a.chosen()).isEqualTo(b.chosen());
        assertThat(a.draws()).containsExactly(b.draws());
        assertThat(a.probabilityBest()).containsExactly(b.probabilityBest());
    }

    @Test
    void differentSeedsExploreDifferentCandidates() {
        int[] chosen = new int[3];
        for (long seed = 0; seed < 300; seed++) {
            chosen[ThompsonSampling.choose(close, new Well19937c(seed)).chosen()]++;
        }
        assertThat(chosen).doesNotContain(0);
        assertThat(chosen[2]).isGreaterThan(chosen[1]);
    }

    @Test
    void choiceFrequencyMatchesProbabilityOfBeingBest() {
        double[] pBest = ThompsonSampling.choose(close, new Well19937c(1)).probabilityBest();
        assertThat(pBest[0] + pBest[1] + pBest[2]).isCloseTo(1.0, within(1e-6));
        int n = 1000;
        int third = 0;
        for (long seed = 0; seed < n; seed++) {
            if (ThompsonSampling.choose(close, new Well19937c(1000 + seed)).chosen() == 2) {
                third++;
            }
        }
        assertThat((double) third / n).isCloseTo(pBest[2], within(0.05));
    }

    @Test
    void probabilityBestMatchesHandComputedIntegrals() {
        // X ~ Beta(2,1) (density 2x), Y ~ Beta(1,1): P(X > Y) = integral of 2x * x = 2/3
        assertThat(ProbabilityBest.of(List.of(new BetaPosterior(2, 1), new BetaPosterior(1, 1)))[0])
                .isCloseTo(2.0 / 3, within(1e-4));
        // Beta(3,1) (density 3x^2) against uniform: integral of 3x^2 * x = 3/4
        assertThat(ProbabilityBest.of(List.of(new BetaPosterior(3, 1), new BetaPosterior(1, 1)))[0])
                .isCloseTo(0.75, within(1e-4));
        // Beta(2,1) against Beta(1,2) (CDF 2x - x^2): integral of 2x (2x - x^2) = 4/3 - 1/2 = 5/6
        double[] p = ProbabilityBest.of(List.of(new BetaPosterior(2, 1), new BetaPosterior(1, 2)));
        assertThat(p[0]).isCloseTo(5.0 / 6, within(1e-4));
        assertThat(p[0] + p[1]).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void separatedPosteriorsGiveCertaintyAndEqualOnesShareIt() {
        double[] sure = ProbabilityBest.of(List.of(new BetaPosterior(900, 100), new BetaPosterior(100, 900)));
        assertThat(sure[0]).isCloseTo(1.0, within(1e-6));
        double[] even = ProbabilityBest.of(List.of(new BetaPosterior(2, 2), new BetaPosterior(2, 2),
                new BetaPosterior(2, 2), new BetaPosterior(2, 2)));
        for (double x : even) {
            assertThat(x).isCloseTo(0.25, within(1e-6));
        }
        // a very narrow posterior next to a wide one still integrates correctly: P(Beta(1,1) > ~0.5) = 0.5
        double[] narrow = ProbabilityBest.of(List.of(new BetaPosterior(500_000, 500_000), new BetaPosterior(1, 1)));
        assertThat(narrow[0]).isCloseTo(0.5, within(1e-3));
    }
}
