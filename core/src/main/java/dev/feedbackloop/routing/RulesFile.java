package dev.feedbackloop.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The JSON shape of a rules file, before cross-checks (see {@link RoutingRules}). */
record RulesFile(
        int version,
        @JsonProperty("fallback_task_type") String fallbackTaskType,
        @JsonProperty("unmatched_confidence") double unmatchedConfidence,
        LearningSettings learning,
        Map<String, FrameworkRule> frameworks,
        Map<String, String> techniques,
        @JsonProperty("task_types") List<TaskTypeRule> taskTypes) {
}
