package dev.feedbackloop.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PromptFeatureTest {
    private static final List<String> PIECES = List.of(
            "for example", "For Instance", "EXAMPLES", "examples.", "example-x", "example.com", "e.g.", "E.G.",
            "such as", "must", "MUST NOT", "should", "do not", "don't", "never", "avoid", "only use", "only include",
            "at most", "at least", "no more than", "exactly 5", "exactly x", "under 20", "under", "keep it short",
            "keep it brief", "keep it", "step by step", "step-by-step", "steps", "stepson", "first,", "First,x",
            "then,", "finally,", "walk me through", "json", "JSON", "jsonl", "xml", "yaml", "csv", "markdown",
            "table", "tables", "bullet point", "bullet points", "heading", "headings", "formatted", "format the",
            "format it", "format as", "format your", "format", "use the following format", "schema", "context:",
            "Context:", "I'm working on", "i’m working on", "our team", "our users", "the audience", "we are a",
            "this is for", "```", "?", "? ", "?\n", "??", "@", ".", "_", "-", "x", "9", "\n", "\r\n", " ", "  ",
            "\u017F", "\u212A", "\u0130", "\u0131", "\u0301", "é", "ß", "日本", "😀", "ſhould", "\u212Aeep it short",
            "exampl\u0130", "\u00A0", "\t");

    @Test
    void fastDetectionAgreesWithTheRegexesOnRandomText() {
        Random random = new Random(7);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder sb = new StringBuilder();
            int parts = 1 + random.nextInt(8);
            for (int k = 0; k < parts; k++) {
                sb.append(PIECES.get(random.nextInt(PIECES.size())));
                if (random.nextInt(3) == 0) {
                    sb.append(' ');
                }
            }
            String prompt = sb.toString();
            assertThat(PromptFeature.detect(prompt)).as(prompt).isEqualTo(PromptFeature.detectByRegex(prompt));
        }
    }

    @Test
    void detectsOnWordBoundariesOnly() {
        assertThat(PromptFeature.fromMask(PromptFeature.detect("Give me information in a table")))
                .containsExactly(PromptFeature.FORMAT_SPEC);
        assertThat(PromptFeature.detect("Give me information about stables")).isZero();
        assertThat(PromptFeature.fromMask(PromptFeature.detect("Context: our team. Think step by step?")))
                .containsExactlyInAnyOrder(PromptFeature.CONTEXT, PromptFeature.STEPS, PromptFeature.QUESTION);
        assertThat(PromptFeature.fromMask(PromptFeature.detect("see example.com or write to x@example.org")))
                .isEmpty();
    }
}
