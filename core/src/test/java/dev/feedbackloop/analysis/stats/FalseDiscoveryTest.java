package dev.feedbackloop.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FalseDiscoveryTest {

    @Test
    void adjustsByRankAndKeepsOrder() {
        // sorted 0.005, 0.01, 0.03, 0.04 (m = 4): 0.02, 0.02, 0.04, 0.04 after the running minimum
        double[] q = FalseDiscovery.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.005});
        assertThat(q[0]).isCloseTo(0.02, within(1e-12));
        assertThat(q[1]).isCloseTo(0.04, within(1e-12));
        assertThat(q[2]).isCloseTo(0.04, within(1e-12));
        assertThat(q[3]).isCloseTo(0.02, within(1e-12));
    }

    @Test
    void neverExceedsOneAndIsMonotoneInP() {
        double[] p = {0.9, 0.5, 0.7, 0.99, 0.2};
        double[] q = FalseDiscovery.benjaminiHochberg(p);
        for (int i = 0; i < p.length; i++) {
            assertThat(q[i]).isBetween(p[i], 1.0);
            for (int j = 0; j < p.length; j++) {
                if (p[i] <= p[j]) {
                    assertThat(q[i]).isLessThanOrEqualTo(q[j]);
                }
            }
        }
    }

    @Test
    void emptyInEmptyOut() {
        assertThat(FalseDiscovery.benjaminiHochberg(new double[0])).isEmpty();
    }
}
