package dev.feedbackloop.capture;

import dev.feedbackloop.internal.AsciiChars;
import java.util.Arrays;
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
    EXAMPLES("examples", "(?<![@.\\w])(for (example|instance)|examples?(?![.\\-]\\w)|e\\.g\\.|such as)",
            "for example", "for instance", "example", "e.g.", "such as"),
    CONSTRAINTS("constraints", "\\b(must|must not|should|do not|don't|never|avoid|only (use|include)|"
            + "at (most|least)|no more than|exactly \\d+|under \\d+|keep it (under|short|brief))\\b",
            "must", "should", "do not", "don't", "never", "avoid", "only use", "only include", "at most",
            "at least", "no more than", "exactly ", "under ", "keep it "),
    STEPS("steps", "\\b(step[- ]by[- ]step|steps?|first,|then,|finally,|walk me through)\\b",
            "step", "first,", "then,", "finally,", "walk me through"),
    FORMAT_SPEC("format spec", "\\b(json|xml|yaml|csv|markdown|table|bullet points?|headings?|"
            + "formatted|format (the|it|as|your)|use the following format|schema)\\b",
            "json", "xml", "yaml", "csv", "markdown", "table", "bullet point", "heading", "format",
            "use the following format", "schema"),
    CONTEXT("context", "(^context:|\\bcontext:|\\b(i'm working on|our team|our users|the audience|"
            + "we are a|this is for)\\b)",
            "context:", "i'm working on", "our team", "our users", "the audience", "we are a", "this is for"),
    CODE_BLOCK("code block", "```", "```"),
    QUESTION("question", "\\?\\s*$", "?");

    /** Version of the detectors; stored rows were computed with the version in the schema. */
    public static final int DETECTOR_VERSION = 1;

    private final String label;
    private final Pattern pattern;
    private final String[] anchors;

    /**
     * @param anchors literal texts (lower case) one of which begins every match of the regex: the
     *                fast path of {@link #detect} runs the regex only where an anchor occurs
     */
    PromptFeature(String label, String regex, String... anchors) {
        this.label = label;
        this.pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.anchors = anchors;
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

    /**
     * Bit mask of every feature present in the prompt: the same result as searching each regex
     * through the whole prompt ({@link #detectByRegex}), found faster. One pass looks for the
     * features' anchor texts (compared case-insensitively the way the regexes compare), and each
     * regex is tried only where one of its anchors starts.
     */
    public static int detect(String prompt) {
        // written for the JIT's quick tier (C1) too, which runs short imports: the chars are read from
        // an array (C1 runs String.charAt several times slower), ASCII is folded by table lookup, the
        // next char is read only where an anchor may start, and only the anchors that start with both
        // chars are compared. Inside a word nothing can start: every regex whose anchors begin with a
        // word char requires a non-word char before them (\b or a look-behind), so an ASCII word char
        // after another one is passed over.
        int mask = 0;
        char[] chars = prompt.toCharArray();
        int n = chars.length;
        boolean afterWord = false;
        for (int i = 0; i < n; i++) {
            char ch = chars[i];
            boolean word = AsciiChars.isWord(ch);
            if (word && afterWord) {
                continue;
            }
            afterWord = word;
            char c = AsciiChars.fold(ch);
            if (c >= 128 || !ANCHOR_FIRST[c]) {
                continue;
            }
            Anchor[] alone = ANCHORS_ALONE[c];
            if (alone != null) {
                mask = tryAnchors(alone, prompt, i, mask);
            }
            if (i + 1 < n) {
                char nx = chars[i + 1];
                char next = AsciiChars.fold(nx);
                Anchor[] pair = next < 128 ? ANCHORS_BY_PAIR[c << 7 | next] : null;
                if (pair != null) {
                    mask = tryAnchors(pair, prompt, i, mask);
                }
            }
        }
        return mask;
    }

    /** {@code mask} with the features of those {@code anchors} that start a match at {@code i}. */
    private static int tryAnchors(Anchor[] anchors, String prompt, int i, int mask) {
        for (Anchor a : anchors) {
            if ((mask & a.bit) == 0 && a.startsAt(prompt, i) && a.feature.matchesAt(prompt, i)) {
                mask |= a.bit;
            }
        }
        return mask;
    }

    /** The definition {@link #detect} must agree with: each regex searched through the whole prompt. */
    static int detectByRegex(String prompt) {
        int mask = 0;
        for (PromptFeature f : values()) {
            if (f.pattern.matcher(prompt).find()) {
                mask |= f.bit();
            }
        }
        return mask;
    }

    private boolean matchesAt(String prompt, int start) {
        return pattern.matcher(prompt).region(start, prompt.length())
                .useTransparentBounds(true).useAnchoringBounds(false).lookingAt();
    }

    /** [c]: whether some anchor starts with this (folded) char. */
    private static final boolean[] ANCHOR_FIRST = new boolean[128];
    /** [c]: the anchors that are this one (folded) char alone; null when none. */
    private static final Anchor[][] ANCHORS_ALONE = new Anchor[128][];
    /** [first << 7 | second]: the anchors that start with these two (folded) chars; null when none. */
    private static final Anchor[][] ANCHORS_BY_PAIR = new Anchor[128 * 128][];

    static {
        for (PromptFeature f : values()) {
            for (String text : f.anchors) {
                ANCHOR_FIRST[text.charAt(0)] = true;
                Anchor[][] table = text.length() == 1 ? ANCHORS_ALONE : ANCHORS_BY_PAIR;
                int key = text.length() == 1 ? text.charAt(0) : text.charAt(0) << 7 | text.charAt(1);
                Anchor[] old = table[key] == null ? new Anchor[0] : table[key];
                Anchor[] grown = Arrays.copyOf(old, old.length + 1);
                grown[old.length] = new Anchor(f, text);
                table[key] = grown;
            }
        }
    }

    private static final class Anchor {
        final PromptFeature feature;
        final int bit;
        final String text;

        Anchor(PromptFeature feature, String text) {
            this.feature = feature;
            this.bit = feature.bit();
            this.text = text;
        }

        /** Whether the text starts at {@code i}, whose first two chars (if it has two) were already compared. */
        boolean startsAt(String s, int i) {
            if (i + text.length() > s.length()) {
                return false;
            }
            for (int k = 2; k < text.length(); k++) {
                char ch = s.charAt(i + k);
                if (AsciiChars.fold(ch) != text.charAt(k)) {
                    return false;
                }
            }
            return true;
        }
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
