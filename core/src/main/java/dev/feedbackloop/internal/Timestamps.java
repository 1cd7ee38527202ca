package dev.feedbackloop.internal;

import dev.feedbackloop.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The stored timestamp format: UTC, microsecond precision, explicit offset, fixed width
 * ({@code 2026-11-27T14:37:25.000000+00:00}), so text order is time order in every database.
 * Parsing accepts any ISO-8601 date-time; one without an offset (what the original Python tool
 * wrote) is read as local time of {@code zone}.
 */
public final class Timestamps {
    private static final DateTimeFormatter STORED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'");

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant AFTER_LAST = Instant.parse("+10000-01-01T00:00:00Z");

    private Timestamps() {
    }

    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 1 || t.getYear() > 9999) {
            return formatSlowly(instant);
        }
        char[] c = "0000-00-00T00:00:00.000000+00:00".toCharArray();
        digits(c, 0, 4, t.getYear());
        digits(c, 5, 2, t.getMonthValue());
        digits(c, 8, 2, t.getDayOfMonth());
        digits(c, 11, 2, t.getHour());
        digits(c, 14, 2, t.getMinute());
        digits(c, 17, 2, t.getSecond());
        digits(c, 20, 6, t.getNano() / 1000);
        return new String(c);
    }

    /** The definition {@link #format} must agree with (it is a faster equivalent). */
    static String formatSlowly(Instant instant) {
        return STORED.format(instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
    }

    private static void digits(char[] c, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** As {@link #parse(String, ZoneId)} in the system zone, which is looked up only when the text has no offset. */
    public static Instant parse(String text) {
        Instant fast = parseCommon(text.strip(), null);
        return fast != null ? checkStorable(fast) : parse(text, ZoneId.systemDefault());
    }

    /**
     * @throws InvalidInputException when the text is no ISO-8601 date or date-time, or lies outside
     *         the years 1-9999 (which the fixed-width stored form cannot order)
     */
    public static Instant parse(String text, ZoneId zone) {
        Instant fast = parseCommon(text.strip(), zone);
        return checkStorable(fast != null ? fast : parseSlowly(text, zone));
    }

    /**
     * @return {@code instant} when its UTC year is within 1-9999
     * @throws InvalidInputException otherwise
     */
    public static Instant checkStorable(Instant instant) {
        if (instant.isBefore(FIRST) || !instant.isBefore(AFTER_LAST)) {
            throw new InvalidInputException("timestamp " + instant + " is outside the years 1-9999");
        }
        return instant;
    }

    /** The definition {@link #parse(String, ZoneId)} must agree with (it is a faster equivalent). */
    static Instant parseSlowly(String text, ZoneId zone) {
        String s = text.strip();
        try {
            if (s.endsWith("Z") || s.endsWith("z") || hasOffset(s)) {
                return OffsetDateTime.parse(s.replace(' ', 'T')).toInstant();
            }
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(zone).toInstant();
            }
            return LocalDateTime.parse(s.replace(' ', 'T')).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("not an ISO-8601 timestamp: '" + text + "'");
        }
    }

    /**
     * The common shapes ({@code 2026-11-27T14:37:25[.ffffff][Z|+01:00]}, 'T' or a space) without
     * the formatter machinery; null for anything else, including invalid values (the slow path then
     * gives the error), and for a text without offset when {@code zone} is null.
     */
    private static Instant parseCommon(String s, ZoneId zone) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 2);
        int day = number(s, 8, 2);
        int hour = number(s, 11, 2);
        int minute = number(s, 14, 2);
        int second = number(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nano = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                nano = nano * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || (i < n && isDigit(s.charAt(i)))) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nano *= 10;
            }
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nano);
            if (i == n) {
                return zone == null ? null : local.atZone(zone).toInstant();
            }
            if (i == n - 1 && s.charAt(i) == 'Z') {
                return local.toInstant(ZoneOffset.UTC);
            }
            if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
                int oh = number(s, i + 1, 2);
                int om = number(s, i + 4, 2);
                if ((oh | om) < 0) {
                    return null;
                }
                int sign = s.charAt(i) == '-' ? -1 : 1;
                return local.toInstant(ZoneOffset.ofHoursMinutes(sign * oh, sign * om));
            }
            return null;
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The unsigned decimal in s[at, at + width), or -1 when a char is no digit. */
    private static int number(String s, int at, int width) {
        int v = 0;
        for (int i = at; i < at + width; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean hasOffset(String s) {
        int t = s.indexOf('T') >= 0 ? s.indexOf('T') : s.indexOf(' ');
        if (t < 0) {
            return false;
        }
        String time = s.substring(t + 1);
        return time.indexOf('+') >= 0 || time.indexOf('-') >= 0;
    }
}
