package dev.feedbackloop.generate;

import java.util.List;
import java.util.Map;
import java.util.Random;

/** Text pools for generated outputs and notes. */
final class OutputTexts {
    private static final Map<String, List<String>> SENTENCES = Map.of(
            "code", List.of("Here is a clean implementation:\n```\ndef solve(items):\n    seen = set()\n"
                    + "    return [x for x in items if not (x in seen or seen.add(x))]\n```",
                    "This keeps the logic simple and easy to test.", "Edge cases such as empty input are handled.",
                    "The solution runs in linear time.", "You can verify it with a few quick test cases."),
            "debugging", List.of("The bug is in the loop bounds: the index runs one past the end.",
                    "Fixed version:\n```\nfor (int i = 0; i < a.length; i++)\n```",
                    "The key lookup is case-sensitive, so 'Name' is not found.",
                    "Add a guard for empty input before dividing."),
            "math", List.of("Step 1: group like terms.", "Step 2: divide both sides by the coefficient.",
                    "Step 3: check the result in the original equation.", "Therefore, x = 5.",
                    "The eigenvalues are 1 and 3."),
            "explanation", List.of("At a high level, it is a set of simple rules applied repeatedly.",
                    "Think of it like a library index: it tells you where to look.",
                    "A concrete case makes this clearer.", "Most confusion comes from mixing up cause and effect."),
            "planning", List.of("Phase 1: discovery - interview stakeholders.", "Phase 2: design and review.",
                    "Phase 3: build behind a feature flag.", "Phase 4: pilot with five users, then launch.",
                    "Risk: scope creep; mitigation: a weekly change review."),
            "writing", List.of("Imagine starting your day with everything you need in one place.",
                    "We built this for people who care about the details.", "It's simple, it's fast, it just works.",
                    "Small changes, made consistently, add up to big results."),
            "summary", List.of("- Revenue grew 12% year over year.", "- The council approved the plan 7-2.",
                    "- Critics say the policy misses the root cause.",
                    "Key takeaway: the trend is positive, but uncertainty remains."));
    private static final List<String> BAD = List.of("I'm sorry, but I need more information to answer that.",
            "Here is the answer: it depends.", "As an AI language model, I cannot be certain about this.");
    static final List<String> POSITIVE_NOTES = List.of("Clear and concise explanation", "Exactly what I needed.",
            "Worked on the first try", "Great structure, easy to follow.");
    static final List<String> NEGATIVE_NOTES = List.of("Missed the edge case for empty input",
            "Hallucinated a library function", "Too vague, had to ask again", "Wrong answer");
    static final List<String> NEUTRAL_NOTES = List.of("OK but generic", "Correct, too verbose", "Partially helpful");

    private OutputTexts() {
    }

    /** An output for the task; poorly rated ones are sometimes a non-answer. */
    static String output(String task, int rating, Random r) {
        if (rating <= 2 && r.nextDouble() < 0.3) {
            return PromptTexts.pick(r, BAD);
        }
        List<String> pool = SENTENCES.get(task);
        int n = 2 + r.nextInt(pool.size() - 1);
        return String.join("\n", PromptTexts.sample(r, pool, n));
    }

    static String note(int rating, Random r) {
        if (rating >= 4) {
            return PromptTexts.pick(r, POSITIVE_NOTES);
        }
        return rating <= 2 ? PromptTexts.pick(r, NEGATIVE_NOTES) : PromptTexts.pick(r, NEUTRAL_NOTES);
    }
}
