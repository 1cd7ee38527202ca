package dev.feedbackloop.examples;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.routing.RoutingDecision;
import java.util.function.Function;

/** The specification's "Basic Integration" in Java (shown in README.md). */
final class BasicIntegration {
    private BasicIntegration() {
    }

    static FeedbackEntry run(FeedbackLoop loop, Function<String, String> yourLlmCall, int userRating,
            boolean userThumbsUp) {
        // example: basic-integration
        // 1. Route the prompt
        String task = "Explain how neural networks learn";
        RoutingDecision routing = loop.routePrompt(task);

        // 2. Build enhanced prompt
        String enhanced = loop.buildEnhancedPrompt(task, routing);

        // 3. Get LLM response (your code here)
        String response = yourLlmCall.apply(enhanced);

        // 4. Capture user feedback, attributed to the routing decision
        //    (its task type, framework, model and confidence go into the context)
        return loop.captureFeedback(
                FeedbackEntry.builder(enhanced, response, userRating)
                        .thumbsUp(userThumbsUp)
                        .tags("explanation", "neural-networks"),
                routing);
        // end example
    }
}
