package dev.feedbackloop.routing.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hidden truth of the simulation: for each task type a few task texts and the success
 * probability of each candidate framework. The rules' default is NOT the best for math,
 * extraction, planning and content; it is the best for code and decision.
 */
final class SimulatedWorld {
    record TaskType(String name, List<String> texts, Map<String, Double> success) {
        String best() {
            return success.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }

        double p(String framework) {
            Double p = success.get(framework);
            if (p == null) {
                throw new IllegalStateException("no hidden success probability for " + name + "/" + framework);
            }
            return p;
        }
    }

    static final List<TaskType> TYPES = List.of(
            type("math", List.of("Calculate the derivative of x^2 * sin(x)", "Solve the equation 3x + 5 = 20",
                    "What is the probability of rolling two sixes with two dice?"),
                    "chain-of-thought", 0.62, "first-principles", 0.78, "structured-prompting", 0.55,
                    "direct-answer", 0.30),
            type("code", List.of("Write a Python function that merges two sorted lists",
                    "Debug this stack trace from my Java service", "Refactor this JavaScript class to use async/await"),
                    "code-generation-chain", 0.80, "chain-of-thought", 0.68, "few-shot", 0.60,
                    "structured-prompting", 0.62),
            type("extraction", List.of("Extract all email addresses from this text",
                    "Pull out the names and dates from the following contract",
                    "Identify all named entities in this news article"),
                    "structured-prompting", 0.58, "few-shot", 0.82, "direct-answer", 0.45, "chain-of-thought", 0.50),
            type("planning", List.of("Plan a product launch for next quarter",
                    "Create a week-by-week roadmap for migrating our database", "Make a study plan for the exam"),
                    "structured-prompting", 0.55, "research-to-action-chain", 0.76, "first-principles", 0.50,
                    "decision-matrix", 0.45),
            type("decision", List.of("Should I use PostgreSQL or MySQL for my startup?",
                    "Compare the pros and cons of renting versus buying", "Which is better for us, Kafka or RabbitMQ?"),
                    "decision-matrix", 0.78, "chain-of-thought", 0.66, "first-principles", 0.60,
                    "structured-prompting", 0.62),
            type("content", List.of("Write a blog post about remote work", "Draft a newsletter for our customers",
                    "Write a LinkedIn post announcing our new office"),
                    "content-creation-chain", 0.64, "few-shot", 0.74, "structured-prompting", 0.50,
                    "direct-answer", 0.40));

    private SimulatedWorld() {
    }

    private static TaskType type(String name, List<String> texts, Object... pairs) {
        Map<String, Double> success = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            success.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return new TaskType(name, texts, success);
    }

    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (TaskType t : TYPES) {
            m.put(t.name(), t.success());
        }
        return m;
    }
}
