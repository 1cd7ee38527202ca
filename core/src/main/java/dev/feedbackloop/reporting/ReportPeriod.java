package dev.feedbackloop.reporting;

import dev.feedbackloop.InvalidInputException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The half-open time range [start, end) a report covers and its label: an ISO week ({@code 2026-W48})
 * or a month ({@code 2026-11}). A rolling period (the last 7 or 30 days ending now, as in the
 * specification) is labelled with the week or month it ends in; a calendar period covers exactly
 * that week (Monday to Monday) or month in the given zone.
 *
 * @param kind weekly or monthly
 */
public record ReportPeriod(String label, Kind kind, Instant start, Instant end, boolean calendar) {
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{1,2})");

    public enum Kind {
        WEEKLY(7), MONTHLY(30);

        private final int days;

        Kind(int days) {
            this.days = days;
        }

        public int days() {
            return days;
        }

        /** @throws InvalidInputException naming the allowed values */
        public static Kind parse(String text) {
            for (Kind k : values()) {
                if (k.name().equalsIgnoreCase(text.strip())) {
                    return k;
                }
            }
            throw new InvalidInputException("period must be weekly or monthly, got '" + text + "'");
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ReportPeriod {
        if (!start.isBefore(end)) {
            throw new InvalidInputException("report period must end after it starts: " + start + " .. " + end);
        }
    }

    /** The last 7 (weekly) or 30 (monthly) days ending at the clock's now. */
    public static ReportPeriod rolling(Kind kind, Clock clock) {
        Instant end = clock.instant();
        return new ReportPeriod(label(kind, end.atZone(clock.getZone())), kind, end.minus(Duration.ofDays(kind.days())),
                end, false);
    }

    /**
     * The ISO week {@code 2026-W47} (Monday 00:00 to the next Monday 00:00 in {@code zone}).
     *
     * @throws InvalidInputException when the text is not such a week or the week does not exist
     */
    public static ReportPeriod isoWeek(String text, ZoneId zone) {
        Matcher m = WEEK.matcher(text.strip());
        if (!m.matches()) {
            throw new InvalidInputException("week must look like 2026-W47, got '" + text + "'");
        }
        int year = Integer.parseInt(m.group(1));
        int week = Integer.parseInt(m.group(2));
        int weeks = (int) LocalDate.of(year, 6, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (week < 1 || week > weeks) {
            throw new InvalidInputException("week " + text + " does not exist: " + year + " has weeks 1 to " + weeks);
        }
        return week(LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week), zone);
    }

    /** The ISO week holding {@code day}. */
    private static ReportPeriod week(LocalDate day, ZoneId zone) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new ReportPeriod(weekLabel(monday), Kind.WEEKLY, monday.atStartOfDay(zone).toInstant(),
                monday.plusWeeks(1).atStartOfDay(zone).toInstant(), true);
    }

    /**
     * The calendar month {@code 2026-10} in {@code zone}.
     *
     * @throws InvalidInputException when the text is not such a month
     */
    public static ReportPeriod month(String text, ZoneId zone) {
        YearMonth month;
        try {
            month = YearMonth.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("month must look like 2026-10, got '" + text + "'");
        }
        return month(month, zone);
    }

    private static ReportPeriod month(YearMonth month, ZoneId zone) {
        return new ReportPeriod(month.toString(), Kind.MONTHLY, month.atDay(1).atStartOfDay(zone).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant(), true);
    }

    /** The period just before this one: the previous week or month, or the same length before a rolling window. */
    public ReportPeriod previous(ZoneId zone) {
        if (!calendar) {
            Duration length = Duration.between(start, end);
            return new ReportPeriod(label(kind, start.atZone(zone)), kind, start.minus(length), start, false);
        }
        LocalDate first = start.atZone(zone).toLocalDate();
        return kind == Kind.WEEKLY ? week(first.minusWeeks(1), zone) : month(YearMonth.from(first).minusMonths(1), zone);
    }

    /** The label of a rolling window ending at {@code end}: its ISO week or its month. */
    private static String label(Kind kind, ZonedDateTime end) {
        return kind == Kind.WEEKLY ? weekLabel(end.toLocalDate()) : YearMonth.from(end).toString();
    }

    static String weekLabel(LocalDate date) {
        return String.format(Locale.ROOT, "%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR),
                date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
