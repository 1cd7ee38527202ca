package dev.feedbackloop.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.capture.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class LengthQuartilesTest {

    @Test
    void cutsAtTheQuartilesOfTheExactHistogram() {
        Tally[] byLength = new Tally[200];
        for (int len = 1; len <= 100; len++) {
            byLength[len] = new Tally();
            byLength[len].add(4, Outcome.POSITIVE);
        }
        List<LengthQuartiles.Group> groups = LengthQuartiles.of(byLength);
        assertThat(groups).extracting(LengthQuartiles.Group::label).containsExactly(
                "prompt length Q1 (1-25 chars)", "prompt length Q2 (26-50 chars)",
                "prompt length Q3 (51-75 chars)", "prompt length Q4 (76-100 chars)");
        assertThat(groups).allSatisfy(g -> assertThat(g.tally().count()).isEqualTo(25));
    }

    @Test
    void tiesCollapseGroupsInsteadOfInventingThem() {
        Tally[] byLength = new Tally[50];
        byLength[10] = new Tally();
        for (int i = 0; i < 9; i++) {
            byLength[10].add(3, Outcome.NEUTRAL);
        }
        byLength[40] = new Tally();
        byLength[40].add(1, Outcome.NEGATIVE);
        List<LengthQuartiles.Group> groups = LengthQuartiles.of(byLength);
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).tally().count()).isEqualTo(9);
        assertThat(groups.get(1).minChars()).isEqualTo(40);
        assertThat(LengthQuartiles.of(new Tally[10])).isEmpty();
    }
}
