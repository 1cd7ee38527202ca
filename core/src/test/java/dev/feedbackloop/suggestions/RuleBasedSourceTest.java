package dev.feedbackloop.suggestions;

import static dev.feedbackloop.suggestions.Fixtures.entry;
import static dev.feedbackloop.suggestions.Fixtures.failures;
import static dev.feedbackloop.suggestions.Fixtures.finding;
import static dev.feedbackloop.suggestions.Fixtures.group;
import static dev.feedbackloop.suggestions.Fixtures.successes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.analysis.PatternAnalysis;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleBasedSourceTest {
    private final RuleBasedSource rules = new RuleBasedSource();

    private static Evidence evidence(PatternAnalysis a, String framework) {
        return new Evidence(a, framework, failures(), successes());
    }

    @Test
    void aHelpfulFeatureBecomesAddItWithAnExampleFromTheUsersSuccessfulPrompts() {
        List<Suggestion> s = rules.suggest(evidence(Fixtures.richAnalysis(), null), 5).value();

        Suggestion examples = s.get(0);
        assertThat(examples.technique()).isEqualTo("Include an example of what you want");
        assertThat(examples.reasoning()).contains("78.0% success with vs 41.0% without").contains("n=48");
        assertThat(examples.example()).startsWith("From your prompts that worked: \"")
                .containsAnyOf("For example: 'Revenue rose 4%", "e.g. '- Fixed login timeout'");
        assertThat(examples.addresses()).isEqualTo("feature \"examples\"");
    }

    @Test
    void aFailingFrameworkBecomesSwitchNamingTheBestFrameworkWithEnoughData() {
        List<Suggestion> s = rules.suggest(evidence(Fixtures.richAnalysis(), null), 5).value();

        Suggestion change = s.stream().filter(x -> "framework \"chain-of-thought\"".equals(x.addresses()))
                .findFirst().orElseThrow();
        // zero-shot has the higher rate but too few entries to recommend
        assertThat(change.technique()).isEqualTo("Switch from the framework \"chain-of-thought\" to \"few-shot\"");
        assertThat(change.reasoning()).endsWith("; doing better with enough entries: \"few-shot\" 72.0% (n=50)");
        assertThat(change.example()).startsWith("A prompt with \"few-shot\" that worked");
    }

    @Test
    void aFailurePhraseBecomesWhatToClarifyWithAFailedPromptAndItsNotes() {
        List<Suggestion> s = rules.suggest(evidence(Fixtures.richAnalysis(), null), 5).value();

        Suggestion clarify = s.stream().filter(x -> "phrase \"something like\"".equals(x.addresses()))
                .findFirst().orElseThrow();
        assertThat(clarify.technique()).isEqualTo("Clarify what you mean by \"something like\"");
        assertThat(clarify.example()).contains("Write something like a product description")
                .contains("notes: \"too vague, not what I asked");
    }

    @Test
    void onlySignificantFindingsCountAndTheLimitHolds() {
        List<Suggestion> all = rules.suggest(evidence(Fixtures.richAnalysis(), null), 5).value();

        assertThat(all).extracting(Suggestion::addresses).doesNotContain("tag \"creative\"").hasSize(3);
        assertThat(rules.suggest(evidence(Fixtures.richAnalysis(), null), 1).value()).hasSize(1);
    }

    @Test
    void theFrameworkAskedAboutComesFirst() {
        List<Suggestion> s = rules.suggest(evidence(Fixtures.richAnalysis(), "chain-of-thought"), 5).value();

        assertThat(s.get(0).addresses()).isEqualTo("framework \"chain-of-thought\"");
    }

    @Test
    void aFailingFrameworkWithNoBetterOneSaysSoInsteadOfInventingOne() {
        PatternAnalysis a = Fixtures.analysis(List.of(finding("framework", "chain-of-thought", 0.3, 0.6, 40, 0.01)),
                Map.of("chain-of-thought", group(40, 0.3, true), "rare", group(2, 1.0, false)));

        Suggestion s = rules.suggest(evidence(a, null), 5).value().get(0);

        assertThat(s.technique()).isEqualTo("Revise how you prompt with the framework \"chain-of-thought\"");
        assertThat(s.reasoning()).contains("no other framework has enough entries");
    }

    @Test
    void withoutSignificantFindingsItComparesRecentPromptsAndSaysTheEvidenceIsWeak() {
        Evidence ev = new Evidence(Fixtures.noFindings(), null, failures(), successes());

        List<Suggestion> s = rules.suggest(ev, 5).value();

        assertThat(s).isNotEmpty().allSatisfy(x -> {
            assertThat(x.reasoning()).startsWith("Weak evidence, not statistically tested");
            assertThat(x.addresses()).isNull();
        });
        assertThat(s).extracting(Suggestion::technique).contains("Include an example of what you want");
    }

    @Test
    void withoutFindingsOrEnoughExamplesItSuggestsNothing() {
        Evidence ev = new Evidence(Fixtures.noFindings(), null, failures().subList(0, 1), successes());

        assertThat(rules.suggest(ev, 5).value()).isEmpty();
    }

    @Test
    void suggestionsFollowTheDataNotAFixedList() {
        PatternAnalysis formatHelps = Fixtures.analysis(List.of(finding("feature", "format spec", 0.8, 0.4, 60, 0.001)),
                Map.of());
        PatternAnalysis questionHurts = Fixtures.analysis(List.of(finding("feature", "question", 0.2, 0.6, 60, 0.001)),
                Map.of());

        assertThat(rules.suggest(evidence(formatHelps, null), 5).value()).extracting(Suggestion::technique)
                .containsExactly("Specify the output format");
        assertThat(rules.suggest(evidence(questionHurts, null), 5).value()).extracting(Suggestion::technique)
                .containsExactly("State the task as an instruction rather than a question");
    }

    @Test
    void rewriteAddsHelpfulFeaturesTheLacksAndFlagsFailurePhrasesAndTheFailingFramework() {
        Rewrite r = rules.rewrite(evidence(Fixtures.richAnalysis(), "chain-of-thought"),
                "Write something like a tagline for our bakery").value();

        assertThat(r.rewritten()).startsWith("Write something like a tagline for our bakery\n\nFor example: <");
        assertThat(r.changes()).extracting(Rewrite.Change::what).containsExactly(
                "Added after the prompt: For example: <a short sample of the answer you want>",
                "To do: use the framework \"few-shot\" instead of \"chain-of-thought\"",
                "To review: say exactly what you mean by \"something like\"");
        assertThat(r.changes().get(0).why()).contains("78.0% success with vs 41.0% without");
    }

    @Test
    void rewriteLeavesAPromptThatAlreadyDoesWhatWorksUnchanged() {
        String prompt = "Summarise the memo. For example: 'Costs fell 3%.'";

        Rewrite r = rules.rewrite(evidence(Fixtures.richAnalysis(), null), prompt).value();

        assertThat(r.rewritten()).isEqualTo(prompt);
        assertThat(r.changes()).isEmpty();
    }

    @Test
    void rewritePutsContextBeforeThePrompt() {
        PatternAnalysis a = Fixtures.analysis(List.of(finding("feature", "context", 0.8, 0.4, 60, 0.001)), Map.of());

        Rewrite r = rules.rewrite(evidence(a, null), "Draft a welcome email").value();

        assertThat(r.rewritten()).isEqualTo("Context: <who this is for and what it will be used for>\n\nDraft a welcome email");
    }

    @Test
    void promptLengthGroupsBecomeLengthAdvice() {
        PatternAnalysis a = Fixtures.analysis(List.of(
                finding("feature", "prompt length Q1 (5-40 chars)", 0.2, 0.6, 40, 0.001),
                finding("feature", "prompt length Q4 (80+ chars)", 0.8, 0.4, 40, 0.002)), Map.of());

        List<Suggestion> s = rules.suggest(evidence(a, null), 5).value();
        Rewrite r = rules.rewrite(evidence(a, null), "Make a slogan").value();

        // one length suggestion: the groups describe the same dimension
        assertThat(s).extracting(Suggestion::technique).containsExactly("Avoid prompts of 5-40 characters");
        assertThat(s.get(0).example()).isEqualTo("A prompt that failed: \"Make a slogan, something like catchy\"");
        assertThat(r.rewritten()).isEqualTo("Make a slogan");
        assertThat(r.changes()).extracting(Rewrite.Change::what).containsExactly(
                "To review: prompts of 5-40 characters did worse (this prompt has 13)",
                "To do: aim for 80+ characters (this prompt has 13)");
    }

    @Test
    void phrasesTypicalOfFailuresBecomeWhatToClarifyOnePerGroupOfSameEntries() {
        PatternAnalysis a = Fixtures.analysis(List.of(), Map.of(), List.of(
                Fixtures.pattern("too vague", "notes", -3.3, 9, 0),
                Fixtures.pattern("vague", "notes", -3.3, 9, 0),
                Fixtures.pattern("too", "notes", -3.3, 9, 0),
                Fixtures.pattern("something like", "prompt", -2.1, 7, 1)));

        List<Suggestion> s = rules.suggest(evidence(a, null), 5).value();

        assertThat(s).extracting(Suggestion::addresses).startsWith("failure phrase \"too vague\"",
                "failure phrase \"something like\"");
        assertThat(s.get(0).technique()).isEqualTo("Say what a finished answer must contain (failed outputs were noted "
                + "\"too vague\")");
        assertThat(s.get(0).reasoning()).startsWith("\"too vague\" appears in the notes of 9 failed and 0 successful "
                + "entries (z = -3.30");
        assertThat(s.get(0).example()).contains("(notes: \"too vague, not what I asked");
        assertThat(s.get(1).technique()).isEqualTo("Clarify what you mean by \"something like\"");
    }

    @Test
    void kindsTakeTurnsSoStrongTagsDoNotCrowdOutPromptAdvice() {
        PatternAnalysis a = Fixtures.analysis(List.of(
                finding("tag", "incomplete", 0.0, 0.6, 100, 0.0001),
                finding("tag", "verbose", 0.0, 0.6, 100, 0.0001),
                finding("feature", "prompt length Q1 (5-40 chars)", 0.3, 0.6, 40, 0.001),
                finding("feature", "prompt length Q4 (80+ chars)", 0.7, 0.4, 40, 0.001),
                finding("feature", "format spec", 0.7, 0.4, 60, 0.002),
                finding("feature", "examples", 0.7, 0.45, 60, 0.003),
                finding("framework", "chain-of-thought", 0.3, 0.62, 40, 0.004)),
                Map.of("chain-of-thought", group(40, 0.30, true), "few-shot", group(50, 0.72, true)));

        List<Suggestion> s = rules.suggest(evidence(a, null), 5).value();

        assertThat(s).extracting(Suggestion::addresses).containsExactly("feature \"prompt length Q1 (5-40 chars)\"",
                "feature \"format spec\"", "framework \"chain-of-thought\"", "tag \"incomplete\"",
                "feature \"examples\"");
    }

    @Test
    void aSwitchNamesTheBestAndTheOtherBetterOnesSinceRatesAreOverall() {
        PatternAnalysis a = Fixtures.analysis(List.of(finding("framework", "direct-answer", 0.39, 0.56, 700, 0.0001)),
                Map.of("direct-answer", group(700, 0.39, true), "code-generation-chain", group(300, 0.63, true),
                        "structured-prompting", group(290, 0.60, true), "few-shot", group(200, 0.55, true),
                        "first-principles", group(250, 0.50, true), "tiny", group(3, 1.0, false),
                        "worse", group(100, 0.2, true)));

        Suggestion s = rules.suggest(evidence(a, null), 5).value().get(0);
        Rewrite r = rules.rewrite(evidence(a, "direct-answer"), "Explain DNS").value();

        assertThat(s.technique()).isEqualTo("Switch from the framework \"direct-answer\" to \"code-generation-chain\"");
        assertThat(s.reasoning()).endsWith("doing better with enough entries: \"code-generation-chain\" 63.0% (n=300), "
                + "\"structured-prompting\" 60.0% (n=290), \"few-shot\" 55.0% (n=200) (overall rates: pick the one that "
                + "fits the task)");
        assertThat(r.changes()).extracting(Rewrite.Change::what).containsExactly(
                "To do: use the framework \"code-generation-chain\" or \"structured-prompting\" instead of \"direct-answer\"");
    }

    @Test
    void aPhraseInsideALongerOneWithTheSameEntriesCountsOnce() {
        PatternAnalysis a = Fixtures.analysis(List.of(
                finding("phrase", "legacy", 0.2, 0.6, 100, 0.001),
                finding("phrase", "legacy system", 0.2, 0.6, 95, 0.002),
                finding("phrase", "system", 0.2, 0.6, 97, 0.002),
                finding("phrase", "code", 0.2, 0.6, 300, 0.002),
                finding("phrase", "legacy code", 0.2, 0.6, 40, 0.003)), Map.of());

        List<Suggestion> s = rules.suggest(evidence(a, null), 10).value();

        // "code" has far more support than "legacy code": different entries, both kept
        assertThat(s).extracting(Suggestion::addresses).containsExactly("phrase \"legacy system\"", "phrase \"code\"",
                "phrase \"legacy code\"");
    }
}
