package dev.feedbackloop.routing;

import dev.feedbackloop.analysis.Interval;
import dev.feedbackloop.analysis.stats.Proportions;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the success rate of routed prompts of one task type moved: per ISO week (Monday, UTC) the
 * attributed outcomes (feedback captured with the routing decision), their success rate with its 95%
 * Wilson interval, and how often each framework was chosen for the rated prompts. The weeks are those
 * overlapping the last {@code days} UTC days up to today, each counted whole (the first one may begin
 * before the window), oldest first, empty weeks included.
 *
 * @param weeks one per week; a week without outcomes has a null rate and the interval [0, 1]
 */
public record RoutedTrend(String taskType, List<Week> weeks) {
    public RoutedTrend {
        weeks = List.copyOf(weeks);
    }

    /**
     * @param successRate positives / outcomes; null without outcomes
     * @param chosen      outcomes per framework (lower-cased, as the router counts them), by name
     */
    public record Week(LocalDate start, long outcomes, long positives, Double successRate, Interval ci,
                       Map<String, Long> chosen) {
        public Week {
            chosen = Map.copyOf(chosen);
        }
    }

    /** The trend from the ledger's counts (refreshed by the caller), {@code today} being the last day. */
    static RoutedTrend of(OutcomeLedger ledger, String taskType, LocalDate today, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
        LocalDate first = today.minusDays(days - 1L).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<Week> weeks = new ArrayList<>();
        for (LocalDate start = first; !start.isAfter(today); start = start.plusWeeks(1)) {
            Map<String, Tally> byFramework = ledger.window(taskType, start, start.plusDays(6));
            long outcomes = 0;
            long positives = 0;
            Map<String, Long> chosen = new TreeMap<>();
            for (Map.Entry<String, Tally> e : byFramework.entrySet()) {
                outcomes += e.getValue().outcomes();
                positives += e.getValue().positives();
                chosen.put(e.getKey(), e.getValue().outcomes());
            }
            weeks.add(new Week(start, outcomes, positives, outcomes == 0 ? null : (double) positives / outcomes,
                    Proportions.wilson(positives, outcomes), chosen));
        }
        return new RoutedTrend(taskType, weeks);
    }
}
