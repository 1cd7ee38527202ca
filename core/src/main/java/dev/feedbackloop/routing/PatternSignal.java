package dev.feedbackloop.routing;

import dev.feedbackloop.InvalidInputException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression that hints at a task type (matched case-insensitively anywhere in the task).
 *
 * @param label  how the signal is named in reasoning ("power such as x^2")
 * @param weight what a match adds to the type's score, positive
 */
public record PatternSignal(String label, String regex, int weight) {
    public PatternSignal {
        if (regex == null || regex.isEmpty()) {
            throw new InvalidInputException("pattern regex is required");
        }
        if (label == null || label.isBlank()) {
            throw new InvalidInputException("pattern " + regex + " needs a label");
        }
        if (weight <= 0) {
            throw new InvalidInputException("pattern '" + label + "' needs a weight, a positive integer, got " + weight);
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidInputException("pattern '" + label + "': " + regex + " is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    Pattern compile() {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
