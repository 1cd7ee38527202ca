package dev.feedbackloop.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhraseAnalyzerTest {
    private final PhraseAnalyzer analyzer = new PhraseAnalyzer();

    @Test
    void wordsAndPairsWithoutStopWords() {
        assertThat(analyzer.terms("Give me examples of Python code, please!"))
                .contains("give", "examples", "python", "code", "python code", "please", "code please")
                .doesNotContain("me", "of", "examples python", "give examples", "me examples");
    }

    @Test
    void phrasesNeverBridgeRemovedTokens() {
        assertThat(analyzer.terms("Return valid JSON only, in 3 bullet points"))
                .contains("return valid", "valid json", "json only", "bullet points")
                .doesNotContain("3", "only bullet", "json bullet");
    }

    @Test
    void emptyOrMissingTextGivesNothing() {
        assertThat(analyzer.terms(null)).isEmpty();
        assertThat(analyzer.terms("  ")).isEmpty();
        assertThat(analyzer.terms("the of and")).isEmpty();
    }
}
