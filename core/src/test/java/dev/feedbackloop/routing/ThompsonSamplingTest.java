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
        assertThat(pBest[0] + pBest[1] + pBest[2]).isCloseTo(1.0, within(1e-9));
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
    void separatedPosteriorsGiveCertaintyAndEqualOnesShareIt() {
        double[] sure = ThompsonSampling.choose(List.of(new BetaPosterior(900, 100), new BetaPosterior(100, 900)),
                new Well19937c(3)).probabilityBest();
        assertThat(sure[0]).isEqualTo(1.0);
        double[] even = ThompsonSampling.choose(List.of(new BetaPosterior(2, 2), new BetaPosterior(2, 2),
                new BetaPosterior(2, 2), new BetaPosterior(2, 2)), new Well19937c(3)).probabilityBest();
        for (double p : even) {
            assertThat(p).isCloseTo(0.25, within(0.04));
        }
    }
}
