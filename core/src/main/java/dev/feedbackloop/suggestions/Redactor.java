package dev.feedbackloop.suggestions;

import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data and secrets in text that is about to leave the machine: e-mail addresses,
 * phone numbers and API-key-like strings become {@code [email]}, {@code [phone]} and {@code [secret]}.
 * Errs on the side of masking (a long hex hash is masked as a secret). Thread-safe; stateless.
 */
public final class Redactor {
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

    /** A named secret ({@code api_key=...}, {@code Authorization: Bearer ...}): the value is masked. */
    private static final Pattern ASSIGNED_SECRET = Pattern.compile(
            "(?i)\\b((?:api[_-]?key|secret|token|password|passwd|authorization)\\s*[:=]\\s*(?:bearer\\s+)?)"
                    + "([\"']?)[^\\s\"',;]{6,}\\2");

    /** Known key shapes, then any long token mixing letters and digits. */
    private static final Pattern KEY_LIKE = Pattern.compile(
            "\\b(?:sk-ant-[A-Za-z0-9_-]{8,}|sk-[A-Za-z0-9_-]{20,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}"
                    + "|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{30,}"
                    + "|(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{32,})");

    /** A candidate phone number; {@link #looksLikePhone} decides. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\w.+:/-])\\+?\\(?\\d[\\d ().-]{5,}\\d(?![\\w.-]*\\d)");
    private static final Pattern DIGIT_GROUP = Pattern.compile("\\d+");
    private static final Pattern DATE_OR_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{2}:\\d{2}|\\d{1,2}/\\d{1,2}/\\d{2,4}");

    /** Returns the text with every match masked, and how many of each kind were masked. */
    public Redaction redact(String text) {
        if (text == null || text.isEmpty()) {
            return new Redaction(text, MaskCounts.NONE);
        }
        int[] counts = new int[3];
        String out = replace(EMAIL, text, m -> {
            counts[0]++;
            return "[email]";
        });
        out = replace(ASSIGNED_SECRET, out, m -> {
            counts[2]++;
            return m.group(1) + "[secret]";
        });
        out = replace(KEY_LIKE, out, m -> {
            counts[2]++;
            return "[secret]";
        });
        out = replace(PHONE, out, m -> {
            if (!looksLikePhone(m.group())) {
                return m.group();
            }
            counts[1]++;
            return "[phone]";
        });
        return new Redaction(out, new MaskCounts(counts[0], counts[1], counts[2]));
    }

    /**
     * A phone number: 8 to 15 digits with separators, 10 to 15 without, or 7 to 15 with a leading + or
     * an area code in parentheses; not a date, a time, a decimal number ("07.553559970") or a short range ("357-2000").
     */
    static boolean looksLikePhone(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        boolean marked = candidate.startsWith("+") || candidate.matches("\\(\\d{2,5}\\).*");
        if (digits > 15 || digits < (marked ? 7 : 8)) {
            return false;
        }
        if (DATE_OR_TIME.matcher(candidate).find()) {
            return false;
        }
        if (candidate.contains(".") && DIGIT_GROUP.matcher(candidate).results().anyMatch(g -> g.group().length() > 4)) {
            return false;
        }
        return marked || digits >= 10 || candidate.matches(".*[ ().-].*");
    }

    private static String replace(Pattern p, String text, Function<MatchResult, String> with) {
        return p.matcher(text).replaceAll(m -> Matcher.quoteReplacement(with.apply(m)));
    }

    /** Masked text (null only when the input was null) and what was masked. */
    public record Redaction(String text, MaskCounts counts) {
    }
}
