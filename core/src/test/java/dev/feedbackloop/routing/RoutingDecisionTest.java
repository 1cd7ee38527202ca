package dev.feedbackloop.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingDecisionTest {
    private final RoutingDecision decision = new RuleRouter(RoutingRules.defaults()).route("Plan a product launch");

    @Test
    void jsonUsesTheSpecificationsSnakeCaseNames() {
        Map<String, Object> m = Json.parseObject(decision.toJson(false), "decision");
        assertThat(m).containsKeys("task_type", "primary_framework", "techniques", "model_recommendation",
                "confidence", "reasoning", "candidates", "rule_framework", "mode").doesNotContainKey("explanation");
        assertThat(m.get("primary_framework")).isEqualTo("structured-prompting");
        assertThat(Json.parseObject(decision.toJson(true), "decision")).containsKey("explanation");
    }

    @Test
    void printedJsonAttributesFeedbackThroughTheBuilder() {
        Map<String, Object> printed = Json.parseObject(decision.toJson(false), "decision");
        FeedbackEntry e = FeedbackEntry.builder("p", "o", 5).routing(printed).build();
        assertThat(e.taskType()).isEqualTo("planning");
        assertThat(e.framework()).isEqualTo("structured-prompting");
        assertThat(e.model()).isEqualTo(decision.modelRecommendation());
        assertThat(e.context().get("techniques")).isEqualTo(decision.techniques());
        assertThat(e.context().get("confidence")).isEqualTo(decision.confidence());
    }

    @Test
    void contextFormIsCompactAndAttributes() {
        Map<String, Object> ctx = decision.toContext();
        assertThat(ctx).doesNotContainKeys("reasoning", "candidates", "explanation");
        FeedbackEntry e = FeedbackEntry.builder("p", "o", 5).routing(ctx).build();
        assertThat(e.taskType()).isEqualTo("planning");
        assertThat(e.framework()).isEqualTo("structured-prompting");
    }
}
