package dev.feedbackloop.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The calendar day of instants in one zone, worked out again only when an instant falls outside the
 * current day: rows mostly arrive in time order, and {@link LocalDate#ofInstant} per row costs far
 * more than two comparisons. Returns the same {@link LocalDate} instance while the day does not
 * change. Not thread-safe.
 */
public final class DayCursor {
    private final ZoneId zone;
    private long start = Long.MAX_VALUE;
    private long end = Long.MIN_VALUE;
    private LocalDate day;

    public DayCursor(ZoneId zone) {
        this.zone = zone;
    }

    public LocalDate day(Instant t) {
        long second = t.getEpochSecond();
        if (second < start || second >= end) {
            day = LocalDate.ofInstant(t, zone);
            start = day.atStartOfDay(zone).toEpochSecond();
            end = day.plusDays(1).atStartOfDay(zone).toEpochSecond();
        }
        return day;
    }
}
