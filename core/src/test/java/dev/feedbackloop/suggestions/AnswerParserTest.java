package dev.feedbackloop.suggestions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnswerParserTest {
    static final String JSON = "{\"suggestions\": [{\"technique\": \"Add examples\", \"reasoning\": \"78% vs 41%\", "
            + "\"example\": \"For example: ...\", \"addresses\": \"feature \\\"examples\\\"\"}, "
            + "{\"technique\": \"Switch to few-shot\", \"reasoning\": \"30% vs 62%\", \"example\": null, "
            + "\"addresses\": null}]}";

    @Test
    void readsPlainJson() {
        List<Suggestion> s = AnswerParser.suggestions(JSON, 5);

        assertThat(s).containsExactly(
                new Suggestion("Add examples", "78% vs 41%", "For example: ...", "feature \"examples\""),
                new Suggestion("Switch to few-shot", "30% vs 62%", null, null));
    }

    @Test
    void readsFencedJsonWithProseAround() {
        String answer = "Here are my suggestions, based on the data:\n\n```json\n" + JSON + "\n```\n\nLet me know!";

        assertThat(AnswerParser.suggestions(answer, 5)).extracting(Suggestion::technique)
                .containsExactly("Add examples", "Switch to few-shot");
    }

    @Test
    void readsUnfencedJsonWithProseAroundIncludingBracesInTheProse() {
        String answer = "Sure {happy to help}. " + JSON + " Hope this helps; {end}";

        assertThat(AnswerParser.suggestions(answer, 5)).hasSize(2);
    }

    @Test
    void readsABareArrayASingleObjectAndFieldSynonyms() {
        assertThat(AnswerParser.suggestions("[{\"title\": \"Be specific\", \"why\": \"vague prompts fail\"}]", 5))
                .containsExactly(new Suggestion("Be specific", "vague prompts fail", null, null));
        assertThat(AnswerParser.suggestions("{\"technique\": \"Be specific\"}", 5))
                .containsExactly(new Suggestion("Be specific", null, null, null));
        assertThat(AnswerParser.suggestions("{\"recommendations\": [\"Use a table\"]}", 5))
                .containsExactly(new Suggestion("Use a table", null, null, null));
    }

    @Test
    void toleratesTrailingCommasCommentsAndRawNewlines() {
        String answer = "{\"suggestions\": [\n // best first\n {\"technique\": \"Add examples\", \"example\": \"line one\nline two\",},\n]}";

        assertThat(AnswerParser.suggestions(answer, 5)).singleElement()
                .satisfies(s -> assertThat(s.example()).isEqualTo("line one\nline two"));
    }

    @Test
    void turnsNonTextFieldsIntoText() {
        String answer = "{\"suggestions\": [{\"technique\": \"Steps\", \"example\": [\"First, ...\", \"Then, ...\"]}]}";

        assertThat(AnswerParser.suggestions(answer, 5).get(0).example()).isEqualTo("First, ...\nThen, ...");
    }

    @Test
    void dropsItemsWithoutATechniqueAndKeepsTheLimit() {
        String answer = "{\"suggestions\": [{\"reasoning\": \"no technique\"}, {\"technique\": \"A\"}, "
                + "{\"technique\": \"B\"}, {\"technique\": \"C\"}]}";

        assertThat(AnswerParser.suggestions(answer, 2)).extracting(Suggestion::technique).containsExactly("A", "B");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "I cannot help with that.", "{\"suggestions\": [{\"technique\": \"A\", \"reasoning\": \"x\" \"example\": }",
        "{\"suggestions\": []}", "{\"answer\": \"use examples\"}", "```json\n{\"suggestions\": [{\"reasoning\": \"x\"}]}\n```"})
    void failsAsUnparseableAnswerWhenNoSuggestionCanBeRead(String answer) {
        assertThatThrownBy(() -> AnswerParser.suggestions(answer, 5))
                .isInstanceOfSatisfying(SourceUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo("unparseable answer"));
    }

    @Test
    void readsARewriteWithChangesAsObjectsOrStrings() {
        String answer = "```\n{\"rewritten_prompt\": \"Context: ...\\nSummarise X\", \"changes\": ["
                + "{\"change\": \"Added context\", \"reason\": \"context helps\"}, \"Added a format\"]}\n```";

        Rewrite r = AnswerParser.rewrite("Summarise X", answer);

        assertThat(r.original()).isEqualTo("Summarise X");
        assertThat(r.rewritten()).isEqualTo("Context: ...\nSummarise X");
        assertThat(r.changes()).containsExactly(new Rewrite.Change("Added context", "context helps"),
                new Rewrite.Change("Added a format", null));
    }

    @Test
    void aRewriteWithoutChangesIsFineWithoutAPromptItIsUnparseable() {
        assertThat(AnswerParser.rewrite("p", "{\"rewritten_prompt\": \"better p\"}").changes()).isEmpty();
        assertThatThrownBy(() -> AnswerParser.rewrite("p", "{\"changes\": [\"x\"]}"))
                .isInstanceOf(SourceUnavailableException.class).hasMessageContaining("no JSON with a rewritten prompt");
    }
}
