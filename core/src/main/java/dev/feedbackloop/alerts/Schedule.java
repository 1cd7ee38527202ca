package dev.feedbackloop.alerts;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.feedbackloop.InvalidInputException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * One cron schedule (Unix syntax: minute hour day-of-month month day-of-week, parsed by cron-utils)
 * in a time zone. Immutable, thread-safe.
 */
public record Schedule(String name, String cron, ZoneId zone, ExecutionTime times) {
    public static final String WEEKLY_DEFAULT = "0 9 * * 1";
    public static final String MONTHLY_DEFAULT = "0 9 1 * *";
    public static final String CHECK_DEFAULT = "0 8 * * *";
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /** @throws InvalidInputException when {@code cron} is not a Unix cron expression */
    public static Schedule of(String name, String cron, ZoneId zone) {
        Cron parsed;
        try {
            parsed = PARSER.parse(cron.strip());
            parsed.validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("'" + cron + "' is not a cron expression (minute hour day month weekday, "
                    + "e.g. '" + WEEKLY_DEFAULT + "'): " + e.getMessage());
        }
        return new Schedule(name, cron.strip(), zone, ExecutionTime.forCron(parsed));
    }

    /** The latest time the schedule fired at or before {@code now}; empty when never. */
    public Optional<Instant> lastAtOrBefore(Instant now) {
        ZonedDateTime z = now.atZone(zone);
        Optional<ZonedDateTime> exact = times.isMatch(z.withNano(0)) && z.getSecond() == 0 && z.getNano() == 0
                ? Optional.of(z) : Optional.empty();
        return exact.or(() -> times.lastExecution(z)).map(ZonedDateTime::toInstant);
    }

    /** The next time after {@code now}. */
    public Optional<Instant> nextAfter(Instant now) {
        return times.nextExecution(now.atZone(zone)).map(ZonedDateTime::toInstant);
    }
}
