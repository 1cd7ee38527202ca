package dev.feedbackloop.analysis;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prompt lengths from {@code min} to {@code max} characters, inclusive ({@code max} is
 * {@link Integer#MAX_VALUE} for an open-ended group): the range a prompt-length finding is about.
 * The one place that writes such a finding's name and reads it back (findings carry only their name,
 * also when they come from a stored analysis).
 */
public record LengthRange(int min, int max) {
    private static final Pattern NAME = Pattern.compile("^prompt length .*\\((\\d+)(?:-(\\d+)|\\+) chars\\)$");

    /** The range a finding's name gives; empty for a finding about anything else. */
    public static Optional<LengthRange> of(String findingName) {
        Matcher m = NAME.matcher(findingName);
        if (!m.find()) {
            return Optional.empty();
        }
        int min = Integer.parseInt(m.group(1));
        return Optional.of(new LengthRange(min, m.group(2) == null ? Integer.MAX_VALUE : Integer.parseInt(m.group(2))));
    }

    /** The finding name of length quartile {@code quartile}: "prompt length Q4 (400+ chars)". */
    String findingName(int quartile) {
        return "prompt length Q" + quartile + " (" + chars() + ")";
    }

    /** As in the finding's name: "80-199 chars", "400+ chars". */
    public String chars() {
        return max == Integer.MAX_VALUE ? min + "+ chars" : min + "-" + max + " chars";
    }

    /** For a sentence: "80-199 characters", "80 characters", "400+ characters". */
    public String text() {
        return max == Integer.MAX_VALUE ? min + "+ characters"
                : min == max ? min + " characters" : min + "-" + max + " characters";
    }

    public boolean contains(String prompt) {
        int n = prompt.length();
        return n >= min && n <= max;
    }
}
