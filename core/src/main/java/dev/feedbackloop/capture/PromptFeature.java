package dev.feedbackloop.capture;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Structural features of a prompt, detected on word boundaries (the original matched substrings,
 * so "information" counted as a format spec). Computed once at capture and stored as a bit mask
 * ({@code feedback.prompt_features}) so an analysis never re-reads prompt text.
 *
 * <p>Changing a detector changes stored meaning: bump {@link #DETECTOR_VERSION} and add a migration
 * that recomputes the column. Bits are the ordinal: append new constants, never reorder.
 */
public enum PromptFeature {
    EXAMPLES("examples", "(?<![@.\\w])(for (example|instance)|examples?(?![.\\-]\\w)|e\\.g\\.|such as)"),
    CONSTRAINTS("constraints", "\\b(must|must not|should|do not|don't|never|avoid|only (use|include)|"
            + "at (most|least)|no more than|exactly \\d+|under \\d+|keep it (under|short|brief))\\b"),
    STEPS("steps", "\\b(step[- ]by[- ]step|steps?|first,|then,|finally,|walk me through)\\b"),
    FORMAT_SPEC("format spec", "\\b(json|xml|yaml|csv|markdown|table|bullet points?|headings?|"
            + "formatted|format (the|it|as|your)|use the following format|schema)\\b"),
    CONTEXT("context", "(^context:|\\bcontext:|\\b(i'm working on|our team|our users|the audience|"
            + "we are a|this is for)\\b)"),
    CODE_BLOCK("code block", "```"),
    QUESTION("question", "\\?\\s*$");

    /** Version of the detectors; stored rows were computed with the version in the schema. */
    public static final int DETECTOR_VERSION = 1;

    private final String label;
    private final Pattern pattern;

    PromptFeature(String label, String regex) {
        this.label = label;
        this.pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    public String label() {
        return label;
    }

    public int bit() {
        return 1 << ordinal();
    }

    public boolean in(int mask) {
        return (mask & bit()) != 0;
    }

    /** Bit mask of every feature present in the prompt. */
    public static int detect(String prompt) {
        int mask = 0;
        for (PromptFeature f : values()) {
            if (f.pattern.matcher(prompt).find()) {
                mask |= f.bit();
            }
        }
        return mask;
    }

    public static Set<PromptFeature> fromMask(int mask) {
        Set<PromptFeature> set = EnumSet.noneOf(PromptFeature.class);
        for (PromptFeature f : values()) {
            if (f.in(mask)) {
                set.add(f);
            }
        }
        return set;
    }
}
