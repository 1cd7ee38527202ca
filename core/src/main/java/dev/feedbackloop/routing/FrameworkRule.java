package dev.feedbackloop.routing;

import dev.feedbackloop.InvalidInputException;
import java.util.List;

/**
 * A prompting framework: what it asks of the model and the techniques that make it up.
 *
 * @param techniques names of entries in the rules' technique table, in prompt order
 */
public record FrameworkRule(String description, List<String> techniques) {
    public FrameworkRule {
        if (description == null || description.isBlank()) {
            throw new InvalidInputException("description is required");
        }
        techniques = techniques == null ? List.of() : List.copyOf(techniques);
    }
}
