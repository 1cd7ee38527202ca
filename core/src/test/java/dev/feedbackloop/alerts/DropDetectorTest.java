package dev.feedbackloop.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.alerts.bench.AlertSimulation;
import dev.feedbackloop.alerts.bench.AlertSimulation.Scenario;
import org.junit.jupiter.api.Test;

class DropDetectorTest {

    @Test
    void falseAlarmsOverNinetyDailyLooksAtThirtyGroupsStayWithinFivePercent() {
        // the tightest null: the true rate equals the fixed baseline in every group (no estimation slack)
        var sim = new AlertSimulation(new Scenario(30, 200, 56, 90, 0.05, 0, -1, true)).summarize(7, 300);
        // 5% plus three binomial standard errors over 300 runs: a detector at 5% fails this 0.1% of the time,
        // one that ignores the looks (a 5% test every day) fails it always
        assertThat(sim.detectorFalseAlarm()).isLessThanOrEqualTo(0.05 + 3 * Math.sqrt(0.05 * 0.95 / 300));
    }

    @Test
    void theSpecificationsRuleLookedAtDailyFiresOnNoise() {
        // the same harness sees false alarms when there are some: the comparison of docs/alerts.md
        var sim = new AlertSimulation(new Scenario(30, 200, 56, 90, 0.05, 0, -1, true)).summarize(7, 100);
        assertThat(sim.ruleFalseAlarm()).isGreaterThan(0.3);
    }

    @Test
    void aTenPointDropInAGroupOf200VotesADayIsUsuallyFoundWithinAWeek() {
        var sim = new AlertSimulation(new Scenario(30, 200, 56, 90, 0.05, 10, 39, false)).summarize(11, 200);
        assertThat(sim.detectorWithin7()).isGreaterThanOrEqualTo(0.85);
        assertThat(sim.detectorMedianDelay()).isLessThanOrEqualTo(6);
    }

    @Test
    void anAlarmNamesTheDayTheDropBegan() {
        DropDetector detector = new DropDetector(90, 1, 0.05, 0.2);
        long[] x = new long[30];
        long[] n = new long[30];
        for (int d = 0; d < 30; d++) {
            n[d] = 200;
            x[d] = d < 20 ? 140 : 100; // 70% then 50% from day 20
        }
        DropDetector.Detection det = detector.run(0.7, x, n);
        assertThat(det.alarmed()).isTrue();
        assertThat(det.since()).isEqualTo(20);
        assertThat(det.alarmDay()).isBetween(20, 22);
    }

    @Test
    void aSteadyRateAtTheBaselineNeverAlarms() {
        long[] x = new long[90];
        long[] n = new long[90];
        java.util.Arrays.fill(x, 140);
        java.util.Arrays.fill(n, 200);
        assertThat(new DropDetector(90, 30, 0.05, 0.2).run(0.7, x, n).alarmed()).isFalse();
    }

    @Test
    void theBaselineBoundLiesBelowTheObservedRate() {
        DropDetector detector = new DropDetector(90, 30, 0.05, 0.2);
        double bound = detector.baselineBound(7000, 10000);
        assertThat(bound).isBetween(0.68, 0.7);
        assertThat(detector.baselineBound(0, 100)).isZero();
        assertThatThrownBy(() -> new DropDetector(0, 1, 0.05, 0.2)).isInstanceOf(IllegalArgumentException.class);
    }
}
