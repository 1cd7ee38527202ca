package dev.feedbackloop.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.feedbackloop.analysis.stats.WeightedLogOdds.TermScore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightedLogOddsTest {

    @Test
    void handWorkedExample() {
        // a: x 10, y 90; b: x 30, y 70. Prior = pooled counts: alpha_x 40, alpha_y 160, alpha_0 200.
        // delta_x = ln(50 / 250) - ln(70 / 230) = -0.41985; var = 1/50 + 1/70; z = -2.2675
        // delta_y = ln(250 / 50) - ln(230 / 70) = +0.41985; var = 1/250 + 1/230; z = +4.5953
        List<TermScore> scores = new WeightedLogOdds(1.0).compare(Map.of("x", 10L, "y", 90L),
                Map.of("x", 30L, "y", 70L), 1);
        assertThat(scores).extracting(TermScore::term).containsExactly("y", "x");
        TermScore y = scores.get(0);
        TermScore x = scores.get(1);
        assertThat(x.delta()).isCloseTo(-0.419854, within(1e-6));
        assertThat(x.zScore()).isCloseTo(-2.267470, within(1e-6));
        assertThat(y.zScore()).isCloseTo(4.595274, within(1e-6));
        assertThat(x.countA()).isEqualTo(10);
        assertThat(x.countB()).isEqualTo(30);
    }

    @Test
    void rareTermsAreDroppedAndEmptyCorporaGiveNothing() {
        WeightedLogOdds w = new WeightedLogOdds(1.0);
        assertThat(w.compare(Map.of("rare", 1L, "common", 50L), Map.of("common", 40L), 5))
                .extracting(TermScore::term).containsExactly("common");
        assertThat(w.compare(Map.of(), Map.of("a", 3L), 1)).isEmpty();
    }

    @Test
    void aTermEquallyFrequentInBothScoresZero() {
        List<TermScore> s = new WeightedLogOdds(1.0).compare(Map.of("same", 20L, "a", 80L), Map.of("same", 20L, "b", 80L), 1);
        assertThat(s.stream().filter(t -> t.term().equals("same")).findFirst().orElseThrow().zScore())
                .isCloseTo(0.0, within(1e-9));
    }
}
