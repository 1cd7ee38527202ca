package dev.feedbackloop.reporting;

import dev.feedbackloop.analysis.Finding;
import dev.feedbackloop.analysis.GroupPerformance;
import dev.feedbackloop.analysis.Interval;
import dev.feedbackloop.analysis.TaskTypeCount;
import dev.feedbackloop.reporting.ImprovementReport.Change;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard's overview shows for one period and filter: totals now and in the period
 * before, the change with its interval and significance, the success rate per day or week with its
 * 95% interval, and the framework, model and tag tables with the findings that stay significant after
 * false-discovery control. Written by {@link dev.feedbackloop.FeedbackJson} (snake_case fields).
 *
 * @param period   as asked ({@code 30d}, {@code 2026-W47}, {@code 2026-11})
 * @param filters  the framework, model and tag asked for (absent ones left out)
 * @param bucket   {@code day} or {@code week}
 * @param change   null when either period is empty
 * @param findings every group-versus-rest comparison of the period, most significant first: adjusted
 *                 for task type when the period's task types are known (see {@link Finding})
 * @param taskTypes entries per task type and how many of them the classifier typed; empty when the
 *                 comparisons were not made within task types
 */
public record PeriodOverview(
        String period,
        Instant start,
        Instant end,
        Map<String, String> filters,
        Totals current,
        Totals previous,
        Change change,
        String bucket,
        List<Point> points,
        Map<String, GroupPerformance> frameworks,
        Map<String, GroupPerformance> models,
        Map<String, GroupPerformance> tags,
        List<Finding> findings,
        Map<String, TaskTypeCount> taskTypes,
        int minSupport,
        Instant computedAt) {

    /** The counts of one period; rates are 0 and the interval [0, 1] when it is empty. */
    public record Totals(Instant start, Instant end, long count, long positive, long negative, double successRate,
            Interval ci, double avgRating) {
    }

    /** One day or ISO week (starting Monday) that has entries: {@code start} is its first day. */
    public record Point(LocalDate start, long count, double successRate, Interval ci, double avgRating) {
    }
}
