package dev.feedbackloop.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Numbers checked by hand. */
class PosteriorMathTest {
    @Test
    void priorFromMeanAndStrength() {
        BetaPrior p = new BetaPrior(0.65, 6);
        assertThat(p.alpha()).isCloseTo(3.9, within(1e-12));
        assertThat(p.beta()).isCloseTo(2.1, within(1e-12));
    }

    @Test
    void conjugateUpdateAndMean() {
        // Beta(3.9, 2.1) + 3 successes, 1 failure = Beta(6.9, 3.1); mean 6.9 / 10 = 0.69
        BetaPosterior post = BetaPosterior.of(new BetaPrior(0.65, 6)).update(3, 1);
        assertThat(post.alpha()).isCloseTo(6.9, within(1e-12));
        assertThat(post.beta()).isCloseTo(3.1, within(1e-12));
        assertThat(post.mean()).isCloseTo(0.69, within(1e-12));
    }

    @Test
    void credibleIntervalOfKnownDistributions() {
        // Uniform: the central 95% is [0.025, 0.975]
        double[] u = new BetaPosterior(1, 1).credibleInterval(0.95);
        assertThat(u[0]).isCloseTo(0.025, within(1e-6));
        assertThat(u[1]).isCloseTo(0.975, within(1e-6));
        // Beta(2, 1) has CDF x^2: quantiles sqrt(0.025) = 0.158114, sqrt(0.975) = 0.987421
        double[] b = new BetaPosterior(2, 1).credibleInterval(0.95);
        assertThat(b[0]).isCloseTo(0.158114, within(1e-5));
        assertThat(b[1]).isCloseTo(0.987421, within(1e-5));
    }

    @Test
    void dailyCountsDecayByHalfLife() {
        DailyCounts c = new DailyCounts();
        int today = 20_000;
        c.add(today, true);
        c.add(today, true);
        c.add(today, true);
        c.add(today - 30, false);   // one half-life ago: weight 0.5
        c.add(today - 60, true);    // two half-lives ago: weight 0.25
        Tally t = c.decayed(today, 30);
        assertThat(t.outcomes()).isEqualTo(5);
        assertThat(t.positives()).isEqualTo(4);
        assertThat(t.weightedOutcomes()).isCloseTo(3 + 0.5 + 0.25, within(1e-9));
        assertThat(t.weightedPositives()).isCloseTo(3.25, within(1e-9));
        assertThat(t.weightedFailures()).isCloseTo(0.5, within(1e-9));
        // seen ten days later everything has aged by a third of a half-life
        double f = Math.pow(0.5, 10 / 30.0);
        assertThat(c.decayed(today + 10, 30).weightedOutcomes()).isCloseTo(3.75 * f, within(1e-9));
        // a day after "today" counts as today
        c.add(today + 2, true);
        assertThat(c.decayed(today, 30).weightedOutcomes()).isCloseTo(4.75, within(1e-9));
    }

    @Test
    void dailyCountsWindowIsUnweighted() {
        DailyCounts c = new DailyCounts();
        c.add(100, true);
        c.add(94, false);
        c.add(93, true);
        c.add(50, true);
        assertThat(c.window(94, 100)).isEqualTo(new Tally(2, 1, 2, 1));
        assertThat(c.window(0, 200)).isEqualTo(new Tally(4, 3, 4, 3));
        assertThat(c.window(101, 200)).isEqualTo(Tally.EMPTY);
    }
}
