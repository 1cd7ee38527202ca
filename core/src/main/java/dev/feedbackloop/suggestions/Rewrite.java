package dev.feedbackloop.suggestions;

import dev.feedbackloop.InvalidInputException;
import java.util.List;

/**
 * An improved version of one prompt and what changed.
 *
 * @param rewritten equal to {@code original} when nothing in the analysis applied
 * @param changes   empty when nothing changed
 */
public record Rewrite(String original, String rewritten, List<Change> changes) {
    public Rewrite {
        if (original == null || original.isBlank() || rewritten == null || rewritten.isBlank()) {
            throw new InvalidInputException("a rewrite needs the original and the rewritten prompt");
        }
        changes = List.copyOf(changes);
    }

    /** One change and why it was made; {@code why} may be null when a model left it out. */
    public record Change(String what, String why) {
        public Change {
            if (what == null || what.isBlank()) {
                throw new InvalidInputException("a change needs a description");
            }
            what = what.strip();
            why = Suggestion.blankToNull(why);
        }
    }
}
