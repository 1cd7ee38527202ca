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
        List<String> all = new ArrayList<>();
        rules.taskTypes().forEach(t -> all.addAll(t.keywords().keySet()));
        TaskClassifier.Keywords together = new TaskClassifier.Keywords(all);
        int matches = 0;
        for (String text : texts) {
            boolean[] found = together.find(text);
            for (int k = 0; k < all.size(); k++) {
                boolean expected = TaskClassifier.keyword(all.get(k)).matcher(text).find();
                assertThat(found[k]).as("%s in %s (all keywords)", all.get(k), text).isEqualTo(expected);
                assertThat(new TaskClassifier.Keywords(List.of(all.get(k))).find(text)[0])
                        .as("%s in %s (alone)", all.get(k), text).isEqualTo(expected);
                matches += expected ? 1 : 0;
            }
        }
        assertThat(matches).isGreaterThan(1000);
    }

    @Test
    void customKeywordsToo() {
        List<String> keywords = List.of("c++", "x^2", "week-by-week", "state of the art", "state of*", "state",
                "a*", "ab", "a", "a b", "a b*", ".net", "é*", "Ωmega");
        TaskClassifier.Keywords together = new TaskClassifier.Keywords(keywords);
        for (String text : List.of("C++ rocks", "x^2 + 1", "Week-By-Week plan", "STATE  OF THE\tART", "abc",
                "ab", "cab", "a-b", "ab_", "AB.", "a  b", "a bc", "the state of", "statement", "use .NET", "x.net",
                "Éclair", "ωMEGA", "a", " a ", "a\u00a0b")) {
            boolean[] found = together.find(text);
            for (int k = 0; k < keywords.size(); k++) {
                java.util.regex.Pattern slow = TaskClassifier.keyword(keywords.get(k));
                assertThat(found[k]).as("%s in %s", keywords.get(k), text).isEqualTo(slow.matcher(text).find());
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

    /** The bundled rules write {@code \\w\\(\\)} for {@code \\w+\\(\\)}: a search finds one where it finds the other. */
    @Test
    void shortenedPatternsFindWhatTheLongFormsFind() {
        List<String> texts = new ArrayList<>(TRICKY);
        texts.addAll(List.of("call f()", "f ()", "()", "_()", "ab() and", "x(y)", "50 %", "50%", "%", "a %", "1\t%"));
        for (SampleGenerator.Sample s : new SampleGenerator(new SampleGenerator.Settings(2000, 30, 7,
                Instant.parse("2026-11-29T00:00:00Z")))) {
            texts.add(s.entry().prompt());
        }
        int flags = java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE;
        Map<String, String> shortToLong = Map.of("\\w\\(\\)", "\\w+\\(\\)", "\\d\\s*%", "\\d+\\s*%");
        List<String> bundled = new ArrayList<>();
        RoutingRules.defaults().taskTypes().forEach(t -> t.patterns().forEach(p -> bundled.add(p.regex())));
        assertThat(bundled).containsAll(shortToLong.keySet());
        int found = 0;
        for (Map.Entry<String, String> e : shortToLong.entrySet()) {
            java.util.regex.Pattern shorter = java.util.regex.Pattern.compile(e.getKey(), flags);
            java.util.regex.Pattern longer = java.util.regex.Pattern.compile(e.getValue(), flags);
            for (String text : texts) {
                boolean expected = longer.matcher(text).find();
                assertThat(shorter.matcher(text).find()).as("%s in %s", e.getKey(), text).isEqualTo(expected);
                found += expected ? 1 : 0;
            }
        }
        assertThat(found).isGreaterThan(10);
        assertThat(TaskClassifier.plain("```")).isTrue();
        assertThat(TaskClassifier.plain("a")).isFalse();
        assertThat(TaskClassifier.plain("\\d")).isFalse();
        assertThat(TaskClassifier.plain("")).isFalse();
    }

    @Test
    void typeOfIsTheTypeClassifyChooses() {
        TaskClassifier c = new TaskClassifier(RoutingRules.defaults());
        List<String> texts = new ArrayList<>(TRICKY.subList(1, TRICKY.size()));
        for (SampleGenerator.Sample s : new SampleGenerator(new SampleGenerator.Settings(3000, 30, 9,
                Instant.parse("2026-11-29T00:00:00Z")))) {
            texts.add(s.entry().prompt());
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String text : texts) {
            String type = c.typeOf(text);
            assertThat(type).as(text).isEqualTo(c.classify(text).taskType().name());
            seen.add(type);
        }
        assertThat(seen).hasSizeGreaterThan(5);
        assertThat(c.typeOf("  ")).isNull();
    }
}
