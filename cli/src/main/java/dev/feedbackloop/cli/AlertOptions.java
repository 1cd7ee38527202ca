package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.alerts.AlertConfig;
import dev.feedbackloop.alerts.Schedule;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/** The options of alerts and reviews shared by serve, review and alerts (a picocli mixin). */
final class AlertOptions {
    @Option(names = "--zone", paramLabel = "ZONE",
            description = "Time zone of schedules, review periods and alert days, e.g. Europe/Berlin (default: the system's).")
    String zone;

    @Option(names = "--weekly-cron", paramLabel = "CRON", defaultValue = Schedule.WEEKLY_DEFAULT,
            description = "When the weekly review runs (minute hour day month weekday; default: '${DEFAULT-VALUE}', Monday 09:00).")
    String weeklyCron;

    @Option(names = "--monthly-cron", paramLabel = "CRON", defaultValue = Schedule.MONTHLY_DEFAULT,
            description = "When the monthly review runs (default: '${DEFAULT-VALUE}', the 1st at 09:00).")
    String monthlyCron;

    @Option(names = "--alerts-cron", paramLabel = "CRON", defaultValue = Schedule.CHECK_DEFAULT,
            description = "When the daily look for drops runs (default: '${DEFAULT-VALUE}').")
    String checkCron;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "Where people reach the dashboard (https://feedback.example), for links in messages.")
    String publicUrl;

    @Option(names = "--reports-dir", paramLabel = "DIR",
            description = "Where reviews keep their HTML reports (default: reports/ beside the database).")
    Path reportsDir;

    @Option(names = "--alert-baseline", paramLabel = "RATE",
            description = "Hold every group to this success rate (0-1) instead of its own last 8 weeks.")
    Double fixedBaseline;

    /** @throws InvalidInputException for an unknown zone */
    AlertConfig config() {
        AlertConfig c = AlertConfig.DEFAULT.withSchedules(weeklyCron, monthlyCron, checkCron).withPublicUrl(publicUrl)
                .withReportsDir(reportsDir);
        if (fixedBaseline != null) {
            c = c.withMonitor(c.monitor().withFixedBaseline(fixedBaseline));
        }
        if (zone != null) {
            try {
                c = c.withZone(ZoneId.of(zone));
            } catch (DateTimeException e) {
                throw new InvalidInputException("--zone: unknown time zone '" + zone + "'");
            }
        }
        return c;
    }

    FeedbackLoop open(StoreOptions store) {
        return store.open(FeedbackLoop.builder(store.location()).alerts(config()));
    }
}
