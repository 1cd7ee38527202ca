package dev.feedbackloop.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.feedbackloop.analysis.Interval;
import org.junit.jupiter.api.Test;

/** Expected values worked by hand (formulas in the Javadoc) and, for Newcombe, his 1998 paper's Table II. */
class ProportionsTest {

    @Test
    void wilsonOfEightInTen() {
        Interval i = Proportions.wilson(8, 10);
        assertThat(i.low()).isCloseTo(0.4902, within(0.0005));
        assertThat(i.high()).isCloseTo(0.9433, within(0.0005));
    }

    @Test
    void wilsonAtTheEdgesStaysInsideZeroOne() {
        Interval none = Proportions.wilson(0, 10);
        assertThat(none.low()).isEqualTo(0.0);
        assertThat(none.high()).isCloseTo(0.2775, within(0.0005));
        Interval all = Proportions.wilson(10, 10);
        assertThat(all.high()).isEqualTo(1.0);
        assertThat(all.low()).isCloseTo(0.7225, within(0.0005));
        assertThat(Proportions.wilson(0, 0)).isEqualTo(new Interval(0, 1));
    }

    @Test
    void wilsonOfALargerSample() {
        Interval i = Proportions.wilson(81, 263);
        assertThat(i.low()).isCloseTo(0.2553, within(0.0005));
        assertThat(i.high()).isCloseTo(0.3662, within(0.0005));
    }

    @Test
    void newcombeHybridScoreMatchesThePaper() {
        Interval a = Proportions.difference(56, 70, 48, 80);
        assertThat(a.low()).isCloseTo(0.0524, within(0.0001));
        assertThat(a.high()).isCloseTo(0.3339, within(0.0001));
        Interval b = Proportions.difference(9, 10, 3, 10);
        assertThat(b.low()).isCloseTo(0.1705, within(0.0001));
        assertThat(b.high()).isCloseTo(0.8090, within(0.0001));
    }

    @Test
    void differenceIsAntisymmetric() {
        Interval ab = Proportions.difference(56, 70, 48, 80);
        Interval ba = Proportions.difference(48, 80, 56, 70);
        assertThat(ba.low()).isCloseTo(-ab.high(), within(1e-12));
        assertThat(ba.high()).isCloseTo(-ab.low(), within(1e-12));
    }

    @Test
    void pooledZTestForLargeCounts() {
        // z = 2.6502 for 56/70 vs 48/80 -> two-sided p = 0.00805
        assertThat(Proportions.pValue(56, 70, 48, 80)).isCloseTo(0.008045, within(0.00001));
        // z = 4.4947 for 60% vs 50% of 1000 each
        assertThat(Proportions.pValue(600, 1000, 500, 1000)).isCloseTo(6.968e-6, within(1e-8));
        assertThat(Proportions.pValue(50, 100, 50, 100)).isEqualTo(1.0);
    }

    @Test
    void fisherExactForSmallCounts() {
        // the lady tasting tea: 3 of 4 vs 1 of 4, two-sided p = 34/70
        assertThat(Proportions.fisherExact(3, 4, 1, 4)).isCloseTo(0.485714, within(1e-6));
        assertThat(Proportions.pValue(3, 4, 1, 4)).isCloseTo(0.485714, within(1e-6));
        assertThat(Proportions.pValue(0, 5, 0, 7)).isEqualTo(1.0);
    }

    @Test
    void sampleSizeForTenPoints() {
        // (1.96 sqrt(2 * .55 * .45) + 0.8416 sqrt(.25 + .24))^2 / 0.01 = 387.3
        assertThat(Proportions.sampleSizePerGroup(0.5, 0.10, 0.05, 0.80)).isEqualTo(388);
        assertThat(Proportions.sampleSizeFor10Points(0.3)).isEqualTo(356);
        // above one half the second rate moves down, towards 0.5
        assertThat(Proportions.sampleSizeFor10Points(0.8)).isEqualTo(294);
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThatThrownBy(() -> Proportions.wilson(11, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Proportions.difference(1, 0, 1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
