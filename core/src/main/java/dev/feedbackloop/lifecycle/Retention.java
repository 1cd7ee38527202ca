package dev.feedbackloop.lifecycle;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.storage.FeedbackStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps entries for a fixed time: {@link #applyIfDue} purges everything older than {@code keep}
 * once per day of the clock's zone (the first call always, then the first call of each later day),
 * audited as {@link Actors#RETENTION}. The service calls it at start and then every few minutes.
 * Thread-safe.
 */
public final class Retention {
    private static final Pattern AGE = Pattern.compile("(\\d{1,6})\\s*([dwh])");

    private final FeedbackStore store;
    private final Clock clock;
    private final Duration keep;
    private LocalDate lastDay;

    public Retention(FeedbackStore store, Clock clock, Duration keep) {
        if (keep.isNegative() || keep.isZero()) {
            throw new InvalidInputException("a retention period must be positive, got " + keep);
        }
        this.store = store;
        this.clock = clock;
        this.keep = keep;
    }

    public Duration keep() {
        return keep;
    }

    /** The purge of today when it has not run yet today; empty when it has. */
    public synchronized Optional<Deletion> applyIfDue() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        if (lastDay != null && !today.isAfter(lastDay)) {
            return Optional.empty();
        }
        Deletion d = store.delete(DeletionFilter.olderThan(cutoff(now, keep)), now, Actors.RETENTION, false);
        lastDay = today;
        return Optional.of(d);
    }

    /**
     * The first instant that is kept: {@code now} less {@code keep}.
     *
     * @throws InvalidInputException when that is before the earliest instant there is
     */
    public static Instant cutoff(Instant now, Duration keep) {
        try {
            return now.minus(keep);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new InvalidInputException("an age of " + keep + " reaches before the earliest time there is");
        }
    }

    /**
     * An age as people write it: {@code 180d} (days), {@code 26w} (weeks), {@code 12h} (hours), or
     * ISO-8601 ({@code P180D}, {@code PT12H}).
     *
     * @throws InvalidInputException when it is none of these or not positive
     */
    public static Duration parseAge(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        Matcher m = AGE.matcher(t);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofHours(n);
            };
        } else {
            try {
                d = Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("'" + text + "' is not an age: write it as 180d, 26w, 12h or P180D");
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new InvalidInputException("an age must be positive, got '" + text + "'");
        }
        return d;
    }
}
