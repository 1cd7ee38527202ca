package dev.feedbackloop.examples;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.routing.RouteOptions;
import dev.feedbackloop.routing.RouterMode;
import dev.feedbackloop.routing.RoutingDecision;

/** The specification's "Advanced Integration: Learning Loop" in Java (shown in README.md). */
final class LearningLoop {
    private LearningLoop() {
    }

    static RoutingDecision[] run(FeedbackLoop loop) {
        // example: learning-loop
        // The router itself learns: once feedback for a task type exists, it samples the framework
        // from each candidate's posterior success rate (Thompson sampling) instead of only
        // nudging the confidence of a fixed choice.
        RoutingDecision learned = loop.routePrompt("Calculate the derivative of x^2");

        // The specification's AdaptivePromptRouter (confidence x1.1 above 80% success, x0.9 below
        // 50%, decision unchanged) is the documented baseline mode:
        RoutingDecision nudged = loop.router().route("Calculate the derivative of x^2",
                RouteOptions.of(RouterMode.BASELINE));
        // end example
        return new RoutingDecision[] {learned, nudged};
    }
}
