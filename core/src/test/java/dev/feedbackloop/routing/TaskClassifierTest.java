package dev.feedbackloop.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.generate.SampleGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keyword matcher without regular expressions agrees with the keyword's regular expression. */
class TaskClassifierTest {
    static final List<String> TRICKY = List.of("", "CODE", "code_review", "xcode", "code-review", "C++ and c++11",
            "should   i\tgo", "should\ni", "shouldi", "Calculating", "calculat", "ΚELVIN kode", "what's up", "what’s up",
            "trade-offs", "TRADE-OFF", "pros and  cons", "pros andcons", "a planet", "plan.", "_plan", "plan_",
            "limit of x", "limit  of", "limit\u00a0of", "ſolve", "ıntegral", "İntegral", "email addresses!", "sum of");

    @Test
    void keywordsMatchAsTheirRegularExpressionsDo() {
        List<String> texts = new ArrayList<>(TRICKY);
        for (SampleGenerator.Sample s : new SampleGenerator(new SampleGenerator.Settings(2000, 30, 5,
                Instant.parse("2026-11-29T00:00:00Z")))) {
            texts.add(s.entry().prompt());
        }
        RoutingRules rules = RoutingRules.defaults();
        int matches = 0;
        for (TaskTypeRule t : rules.taskTypes()) {
            for (String k : t.keywords().keySet()) {
                TaskClassifier.Keyword fast = new TaskClassifier.Keyword(k);
                java.util.regex.Pattern slow = TaskClassifier.keyword(k);
                for (String text : texts) {
                    boolean expected = slow.matcher(text).find();
                    assertThat(fast.in(text, TaskClassifier.fold(text))).as("%s in %s", k, text).isEqualTo(expected);
                    matches += expected ? 1 : 0;
                }
            }
        }
        assertThat(matches).isGreaterThan(1000);
    }

    @Test
    void customKeywordsToo() {
        for (String k : List.of("c++", "x^2", "week-by-week", "state of the art", "a*", "ab")) {
            TaskClassifier.Keyword fast = new TaskClassifier.Keyword(k);
            java.util.regex.Pattern slow = TaskClassifier.keyword(k);
            for (String text : List.of("C++ rocks", "x^2 + 1", "Week-By-Week plan", "STATE  OF THE\tART", "abc",
                    "ab", "cab", "a-b", "ab_", "AB.")) {
                assertThat(fast.in(text, TaskClassifier.fold(text))).as("%s in %s", k, text)
                        .isEqualTo(slow.matcher(text).find());
            }
        }
    }

    @Test
    void classificationsAreThoseOfTheRules() {
        TaskClassifier c = new TaskClassifier(RoutingRules.defaults());
        assertThat(c.classify("Write a Python function that reverses a list").taskType().name()).isEqualTo("code");
        assertThat(c.classify("Write a blog post about spring").taskType().name()).isEqualTo("content");
        assertThat(c.classify("Hello there").matched()).isFalse();
    }
}
