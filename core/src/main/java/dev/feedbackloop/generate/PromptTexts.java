package dev.feedbackloop.generate;

import dev.feedbackloop.capture.PromptFeature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Text pools for generated prompts. The core of a prompt never contains a word that
 * {@link PromptFeature} detects among the planted features; the feature parts always do, so the
 * planted features are exactly the detected ones (a test holds this).
 */
final class PromptTexts {
    static final List<String> LANGUAGES = List.of("Python", "JavaScript", "Go", "Rust", "Java", "SQL", "Kotlin");
    static final Map<String, String> LANGUAGE_TAGS = Map.of("Python", "python", "JavaScript", "javascript",
            "Go", "go", "Rust", "rust", "Java", "java", "SQL", "sql", "Kotlin", "java");
    private static final List<String> CODE_TASKS = List.of(
            "reverses a linked list in place", "parses a log file into records", "merges two sorted arrays",
            "computes the Levenshtein distance of two strings", "retries an HTTP request with backoff",
            "deduplicates customers by email, keeping the newest", "implements an LRU cache",
            "groups transactions by month and sums them", "finds the k most frequent words in a text",
            "normalizes phone numbers to E.164", "walks a folder tree and reports duplicate files");
    private static final List<String> SNIPPETS = List.of(
            "def total(items):\n    s = 0\n    for i in range(1, len(items)):\n        s += items[i]\n    return s",
            "function avg(xs) {\n  let sum = 0;\n  for (const x of xs) sum += x;\n  return sum / xs.lenght;\n}",
            "public int indexOf(int[] a, int x) {\n    for (int i = 0; i <= a.length; i++)\n        if (a[i] == x) return i;\n    return -1;\n}",
            "data = {\"name\": \"Ann\"}\nprint(data['Name'])");
    private static final List<String> ERRORS = List.of("a KeyError", "an IndexError", "a NullPointerException",
            "an off-by-one error", "a timeout after 30 seconds", "'undefined is not a function'");
    private static final List<String> MATH = List.of("Solve for x: 3x + 7 = 22.", "Differentiate x^3 * sin(x).",
            "Prove that the square root of 2 is irrational.", "Compute the integral of 1/(1+x^2) from 0 to 1.",
            "What is the probability of rolling a six in four throws of a die?",
            "Find the eigenvalues of [[2, 1], [1, 2]].", "Calculate the variance of 4, 8, 15, 16, 23, 42.");
    private static final List<String> CONCEPTS = List.of("recursion", "the CAP theorem", "photosynthesis",
            "compound interest", "public-key cryptography", "gradient descent", "database indexing",
            "the JavaScript event loop", "Rust ownership", "inflation and interest rates");
    private static final List<String> AUDIENCES = List.of("", "", " to a beginner", " to a senior engineer",
            " in simple terms", " to a new hire");
    private static final List<String> PROJECTS = List.of("a website redesign", "a data warehouse migration",
            "launching a mobile app", "onboarding ten new engineers", "a product launch in Europe",
            "moving to a new CI system");
    private static final List<String> GENRES = List.of("blog post", "product description", "cover letter",
            "short story", "newsletter intro", "press release");
    private static final List<String> TOPICS = List.of("remote work", "sustainable packaging",
            "a neighborhood coffee shop", "healthy sleep habits", "saving for retirement", "learning to code");
    private static final List<String> ARTICLE = List.of(
            "The company reported revenue of $4.2 billion for the quarter, up 12% year over year.",
            "Researchers found that people who slept fewer than six hours did worse on memory tests.",
            "The city council voted 7-2 to approve the new bike lane network.",
            "Analysts said the decision could affect supply chains across the region for months.",
            "Critics argue the policy does little to address the housing shortage.",
            "Officials expect the project to be completed by the end of next year.",
            "Teachers said the pilot program improved attendance, though scores were mixed.");
    static final List<String> VAGUE = List.of("fix my code", "make it better pls", "explain this thing to me",
            "write something about marketing", "do the math homework", "summarize it quickly",
            "what do we do next quarter", "help with my essay please");

    static final Map<PromptFeature, List<String>> FEATURE_PARTS = Map.of(
            PromptFeature.CONTEXT, List.of("Context: I'm working on a side project and I'm new to this.",
                    "Context: our team maintains a legacy billing system.",
                    "Context: this is for a board meeting next week.",
                    "Context: our users are mostly on slow mobile connections."),
            PromptFeature.EXAMPLES, List.of("For example: input [3, 1, 2] gives [1, 2, 3].",
                    "Here is an example of the tone I want: short and friendly.",
                    "Use concrete cases, e.g. a shop with 40 orders a day."),
            PromptFeature.CONSTRAINTS, List.of("Keep it under 200 words.", "You should avoid jargon.",
                    "Do not use external libraries.", "The answer must fit on one page."),
            PromptFeature.FORMAT_SPEC, List.of("Return the result as JSON with the keys name and value.",
                    "Put the answer in a markdown table.", "Answer in bullet points.",
                    "Organise the answer under headings."),
            PromptFeature.STEPS, List.of("Think step by step.", "Walk me through your reasoning.",
                    "Break the solution into steps."));

    private PromptTexts() {
    }

    /** The core request of a prompt for a task type; adds a domain tag to {@code tags} where one fits. */
    static String core(String task, Random r, List<String> tags) {
        switch (task) {
            case "code": {
                String lang = pick(r, LANGUAGES);
                tags.add(LANGUAGE_TAGS.get(lang));
                return "Write a " + lang + " function that " + pick(r, CODE_TASKS) + ".";
            }
            case "debugging": {
                String lang = pick(r, LANGUAGES);
                tags.add(LANGUAGE_TAGS.get(lang));
                return "Why does this " + lang + " code throw " + pick(r, ERRORS) + "?\n```\n" + pick(r, SNIPPETS)
                        + "\n```";
            }
            case "math":
                tags.add("education");
                return pick(r, MATH);
            case "explanation":
                return "Explain " + pick(r, CONCEPTS) + pick(r, AUDIENCES) + ".";
            case "planning":
                tags.add("business");
                return "Create a " + (2 + r.nextInt(11)) + "-week plan for " + pick(r, PROJECTS) + ".";
            case "writing":
                tags.add("marketing");
                return "Write a " + pick(r, GENRES) + " about " + pick(r, TOPICS) + ".";
            case "summary":
                return "Summarize this article:\n\n" + String.join(" ", sample(r, ARTICLE, 2 + r.nextInt(4)));
            default:
                throw new IllegalArgumentException(task);
        }
    }

    static <T> T pick(Random r, List<T> items) {
        return items.get(r.nextInt(items.size()));
    }

    static List<String> sample(Random r, List<String> items, int n) {
        List<String> copy = new ArrayList<>(items);
        Collections.shuffle(copy, r);
        return copy.subList(0, Math.min(n, copy.size()));
    }
}
