package dev.feedbackloop.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.generate.SampleGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A text the prefilter turns away never holds a match of the expression. */
class RequiredCharsTest {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    static List<String> texts() {
        List<String> texts = new ArrayList<>(TaskClassifierTest.TRICKY);
        texts.addAll(List.of("1 + 2", "1+2", "3 - 4", "3-4", "x^2", "X ^ 3", "50%", "5 %", "f()", "f ()", "```js",
                "a.b", "(1)", "[x]", "{y}", "a|b", "é×2", "2×3", "7÷7", "10 = 10", "\t9\n%", "_()", "x-y", "a--b", ""));
        for (SampleGenerator.Sample s : new SampleGenerator(new SampleGenerator.Settings(3000, 30, 11,
                Instant.parse("2026-11-29T00:00:00Z")))) {
            texts.add(s.entry().prompt());
        }
        SplittableRandom r = new SplittableRandom(5);
        String alphabet = "ab1 2-+*/^=%()[]{}.|?_\t\nÉé×÷ſK";
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder();
            for (int j = r.nextInt(12); j > 0; j--) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            texts.add(b.toString());
        }
        return texts;
    }

    @Test
    void neverTurnsAwayATextWithAMatch() {
        List<String> regexes = new ArrayList<>();
        RoutingRules.defaults().taskTypes().forEach(t -> t.patterns().forEach(p -> regexes.add(p.regex())));
        regexes.addAll(List.of("\\w+\\(\\)", "\\d+\\s*%", "a|1", "(1|2)+", "(?:x-)?y", "[^a]%", "[0-9]{2,}",
                "1{0}2", "1?2", "(?=1)\\d", "(?<!a)-", "\\(\\)|\\[\\]", "x*", "[+-]\\d", "[a-c=]", "a.b", "\\Q(\\E",
                "(?i)k", "\\p{Digit}", "[\\d-]", "\\.", "a{2}", "((1))", "=+?", "[]a]", "-[%]"));
        int turnedAway = 0;
        List<String> texts = texts();
        for (String regex : regexes) {
            RequiredChars required = RequiredChars.of(regex);
            Pattern p = Pattern.compile(regex, FLAGS);
            for (String text : texts) {
                boolean found = p.matcher(text).find();
                if (!required.mayMatch(text)) {
                    turnedAway++;
                    assertThat(found).as("%s in %s", regex, text).isFalse();
                }
            }
        }
        assertThat(turnedAway).isGreaterThan(10_000);
    }

    @Test
    void theBundledPatternsEachRequireSomething() {
        RoutingRules.defaults().taskTypes().forEach(t -> t.patterns().forEach(p -> {
            if (!TaskClassifier.plain(p.regex())) {
                assertThat(RequiredChars.of(p.regex()).size()).as(p.regex()).isPositive();
            }
        }));
        assertThat(RequiredChars.of("\\d\\s*[+*/^×÷=]\\s*\\d|\\d\\s+-\\s+\\d").mayMatch("no digits here")).isFalse();
        assertThat(RequiredChars.of("\\w\\(\\)").mayMatch("call f(x)")).isTrue();
        assertThat(RequiredChars.of("\\w\\(\\)").mayMatch("no call")).isFalse();
    }

    @Test
    void whatItCannotReadRequiresNothing() {
        for (String regex : List.of("(?i)1", "\\p{Digit}", "\\Q1\\E", "(a)\\1", "[[1]]", "[1&&2]", "a{x}", "\\x31")) {
            assertThat(RequiredChars.of(regex).size()).as(regex).isZero();
        }
    }
}
