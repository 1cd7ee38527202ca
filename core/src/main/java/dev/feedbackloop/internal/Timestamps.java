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

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return STORED.format(instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
    }

    public static Instant parse(String text) {
        return parse(text, ZoneId.systemDefault());
    }

    /** @throws InvalidInputException when the text is no ISO-8601 date or date-time */
    public static Instant parse(String text, ZoneId zone) {
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

    private static boolean hasOffset(String s) {
        int t = s.indexOf('T') >= 0 ? s.indexOf('T') : s.indexOf(' ');
        if (t < 0) {
            return false;
        }
        String time = s.substring(t + 1);
        return time.indexOf('+') >= 0 || time.indexOf('-') >= 0;
    }
}
