package dev.feedbackloop.alerts;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How alerts and reviews run and are delivered.
 *
 * @param monitor      the drop monitor's settings
 * @param weeklyCron   when the weekly review runs (Unix cron, in the clock's zone); default Monday 09:00
 * @param monthlyCron  when the monthly review runs; default the 1st at 09:00
 * @param checkCron    when the daily look for drops runs; default 08:00
 * @param publicUrl    where people reach the dashboard, for links in messages (null: paths only)
 * @param reportsDir   where HTML reports of reviews are kept (null: {@code reports/} beside the database,
 *                     or under the working directory for a database on a server)
 * @param retry        retries of deliveries
 * @param zone         the time zone of schedules, review periods and days of the look for drops (null: the clock's)
 */
public record AlertConfig(AlertSettings monitor, String weeklyCron, String monthlyCron, String checkCron,
        String publicUrl, Path reportsDir, Outbox.Retry retry, java.time.ZoneId zone) {
    public static final AlertConfig DEFAULT = new AlertConfig(AlertSettings.DEFAULT, Schedule.WEEKLY_DEFAULT,
            Schedule.MONTHLY_DEFAULT, Schedule.CHECK_DEFAULT, null, null, Outbox.Retry.DEFAULT, null);

    public AlertConfig {
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(weeklyCron, "weeklyCron");
        Objects.requireNonNull(monthlyCron, "monthlyCron");
        Objects.requireNonNull(checkCron, "checkCron");
        Objects.requireNonNull(retry, "retry");
    }

    public AlertConfig withMonitor(AlertSettings m) {
        return new AlertConfig(m, weeklyCron, monthlyCron, checkCron, publicUrl, reportsDir, retry, zone);
    }

    public AlertConfig withSchedules(String weekly, String monthly, String check) {
        return new AlertConfig(monitor, weekly, monthly, check, publicUrl, reportsDir, retry, zone);
    }

    public AlertConfig withPublicUrl(String url) {
        return new AlertConfig(monitor, weeklyCron, monthlyCron, checkCron, url, reportsDir, retry, zone);
    }

    public AlertConfig withReportsDir(Path dir) {
        return new AlertConfig(monitor, weeklyCron, monthlyCron, checkCron, publicUrl, dir, retry, zone);
    }

    public AlertConfig withZone(java.time.ZoneId z) {
        return new AlertConfig(monitor, weeklyCron, monthlyCron, checkCron, publicUrl, reportsDir, retry, z);
    }

    public AlertConfig withRetry(Outbox.Retry r) {
        return new AlertConfig(monitor, weeklyCron, monthlyCron, checkCron, publicUrl, reportsDir, r, zone);
    }
}
