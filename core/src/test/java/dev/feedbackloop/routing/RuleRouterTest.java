package dev.feedbackloop.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RuleRouterTest {
    private final RuleRouter router = new RuleRouter(RoutingRules.defaults());

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Calculate the derivative of x^2                          | math       | chain-of-thought",
        "Solve the equation 3x + 5 = 20                           | math       | chain-of-thought",
        "What is the probability of rolling two sixes?            | math       | chain-of-thought",
        "Write a Python function that reverses a linked list      | code       | code-generation-chain",
        "Debug this stack trace from my Java service              | code       | code-generation-chain",
        "Convert this CSV into a markdown table                   | formatting | few-shot",
        "Reformat these notes as bullet points                    | formatting | few-shot",
        "Extract all email addresses from this text               | extraction | structured-prompting",
        "Pull out the names and dates from the following contract | extraction | structured-prompting",
        "Plan a product launch for next quarter                   | planning   | structured-prompting",
        "Create a week-by-week roadmap for learning Rust basics   | planning   | structured-prompting",
        "Should I use PostgreSQL or MySQL for my startup?         | decision   | decision-matrix",
        "Compare the pros and cons of renting versus buying       | decision   | decision-matrix",
        "Research the current state of solid-state batteries      | research   | research-to-action-chain",
        "Investigate what studies say about four-day work weeks   | research   | research-to-action-chain",
        "Write a blog post about remote work                      | content    | content-creation-chain",
        "Draft a LinkedIn post announcing our new office          | content    | content-creation-chain",
        "Explain how neural networks learn                        | reasoning  | first-principles",
        "Why does ice float on water?                             | reasoning  | first-principles",
        "What is the capital of France?                           | simple     | direct-answer",
        "Define photosynthesis                                    | simple     | direct-answer",
    })
    void recognisesTheTaskTypes(String task, String type, String framework) {
        RoutingDecision d = router.route(task);
        assertThat(d.taskType()).isEqualTo(type);
        assertThat(d.primaryFramework()).isEqualTo(framework);
        assertThat(d.ruleFramework()).isEqualTo(framework);
        assertThat(d.mode()).isEqualTo(RouterMode.STATIC);
        assertThat(d.confidence()).isBetween(0.3, 1.0);
        assertThat(d.reasoning()).contains(type).contains(framework);
        assertThat(d.candidates()).startsWith(framework);
    }

    @Test
    void decisionCarriesTheRulesTechniquesModelAndConfidence() {
        RoutingDecision d = router.route("Calculate the derivative of x^2");
        assertThat(d.techniques()).containsExactly("step-by-step-reasoning", "show-intermediate-steps", "verify-result");
        assertThat(d.modelRecommendation()).isEqualTo("claude-opus-4");
        assertThat(d.confidence()).isEqualTo(0.85);
        assertThat(d.explanation().classification()).first()
                .satisfies(s -> assertThat(s.signals()).contains("calculat*", "derivative*", "power such as x^2"));
    }

    @Test
    void aCompetingTypeLowersTheConfidence() {
        RoutingDecision clear = router.route("Refactor this Java class");
        RoutingDecision mixed = router.route("Write a Python script that emails the newsletter");
        assertThat(mixed.confidence()).isLessThan(clear.confidence());
        assertThat(mixed.reasoning()).contains("ahead of");
    }

    @Test
    void nothingMatchedFallsBackToSimpleWithTheUnmatchedConfidence() {
        RoutingDecision d = router.route("hello there");
        assertThat(d.taskType()).isEqualTo("simple");
        assertThat(d.primaryFramework()).isEqualTo("direct-answer");
        assertThat(d.confidence()).isEqualTo(0.5);
        assertThat(d.reasoning()).startsWith("No task-type keyword matched");
    }

    @Test
    void keywordsMatchWholeWordsAndStarredEndings() {
        assertThat(TaskClassifier.keyword("calculat*").matcher("Calculating the area").find()).isTrue();
        assertThat(TaskClassifier.keyword("plan").matcher("a planet").find()).isFalse();
        assertThat(TaskClassifier.keyword("should i").matcher("Should   I go?").find()).isTrue();
        assertThat(TaskClassifier.keyword("c++").matcher("a C++ template").find()).isTrue();
        assertThat(TaskClassifier.keyword("vs").matcher("cvs pharmacy").find()).isFalse();
    }

    @Test
    void blankTaskIsRejected() {
        assertThatThrownBy(() -> router.route("  ")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("task is required");
    }
}
