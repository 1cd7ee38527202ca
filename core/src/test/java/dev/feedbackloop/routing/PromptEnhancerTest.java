package dev.feedbackloop.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptEnhancerTest {
    private final RoutingRules rules = RoutingRules.defaults();
    private final PromptEnhancer enhancer = new PromptEnhancer(rules);

    @Test
    void theEnhancedPromptHoldsTheTaskTheFrameworkAndEveryTechniqueInOrder() {
        String task = "Calculate the derivative of x^2";
        RoutingDecision d = new RuleRouter(rules).route(task);
        String prompt = enhancer.build(task, d);
        assertThat(prompt).startsWith("Approach: chain-of-thought (reason step by step before answering).")
                .contains("Task:\n" + task + "\n");
        int last = -1;
        for (int i = 0; i < d.techniques().size(); i++) {
            String line = (i + 1) + ". " + rules.technique(d.techniques().get(i)).orElseThrow();
            assertThat(prompt).contains(line);
            assertThat(prompt.indexOf(line)).isGreaterThan(last);
            last = prompt.indexOf(line);
        }
        assertThat(d.techniques()).hasSize(3);
    }

    @Test
    void aFrameworkAndTechniqueUnknownToTheRulesAreNamedAsIs() {
        RoutingDecision d = new RoutingDecision("math", "socratic-method", List.of("ask-questions"), "m", 0.5, "r",
                List.of("socratic-method"), "chain-of-thought", RouterMode.LEARNING,
                new DecisionExplanation(List.of(), "x", 1L, 30.0, List.of(), null));
        String prompt = enhancer.build("Prove it", d);
        assertThat(prompt).startsWith("Approach: socratic-method.").contains("1. Apply the technique \"ask-questions\".");
    }

    @Test
    void directAnswerForASimpleQuestionIsShort() {
        RoutingDecision d = new RuleRouter(rules).route("What is the capital of France?");
        assertThat(enhancer.build("What is the capital of France?", d).lines().count()).isLessThan(10);
    }

    @Test
    void blankTaskIsRejected() {
        RoutingDecision d = new RuleRouter(rules).route("What is the capital of France?");
        assertThatThrownBy(() -> enhancer.build(" ", d)).isInstanceOf(InvalidInputException.class);
    }
}
