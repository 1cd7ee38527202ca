package dev.feedbackloop.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A search from the start characters only finds exactly what {@code Matcher.find} finds. */
class StartCharsTest {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    @Test
    void findsWhatFindFinds() {
        List<String> regexes = new ArrayList<>();
        RoutingRules.defaults().taskTypes().forEach(t -> t.patterns().forEach(p -> regexes.add(p.regex())));
        // each of these is read (a bundled pattern may not be): none is skipped below without notice
        List<String> read = List.of("\\d+\\s*%", "(1|2)+", "-|=", "\\(\\)|\\[\\]", "[+-]\\d", "(?<!1)-\\d", "(?<=\\d)%",
                "\\b\\d", "\\B\\d", "(?=\\d\\d)\\d", "(?!1)\\d", "\\d(?:\\s*[+*/^×÷=]\\s*\\d|\\s+-\\s+\\d)", "[×÷]\\d?",
                "(?:%|\\d)(?:x)?", "\\d{2,}", "\\.\\d", "-{1,2}\\d", "\\d\\s*$", "%(?![a-z])", "[0-9é]%",
                "\\w\\(\\)", "\\s1", "[a-c]-\\d", "\\w\\w%", "a(1|2)", "(?<=x)\\w=", "\\b\\w\\.", "é\\(",
                "k\\d", "\\w(?:\\(\\))+",
                // non-ASCII letters that the case flags match with ASCII ones, beside what is read
                "\u017f%", "1\u0131", "[\u00e0-\u017f]1");
        assertThat(read.stream().filter(r -> StartChars.of(r).isEmpty()).toList()).as("not read").isEmpty();
        regexes.addAll(read);
        List<String> texts = new ArrayList<>(RequiredCharsTest.texts());
        texts.addAll(List.of("a1", "11-2", "x-1", "%a", "%1", "1%", "a 1 %", "9 - 9", "éé%", "é%", "×1", "÷", "𝟙1 = 2",
                "istanbul", "ISTANBUL", "\u0130stanbul", "KIRMIZI", "kirmizi", "S", "s", "k", "K", "s%", "S%", "1I", "1i",
                "i", "I", "s1", "i1", "I1", "Kx", "ix"));
        int used = 0;
        int found = 0;
        for (String regex : regexes) {
            var starts = StartChars.of(regex);
            if (starts.isEmpty()) {
                continue;
            }
            used++;
            Pattern p = Pattern.compile(regex, FLAGS);
            for (String text : texts) {
                boolean expected = p.matcher(text).find();
                assertThat(starts.get().find(p, text)).as("%s in %s", regex, text).isEqualTo(expected);
                found += expected ? 1 : 0;
            }
        }
        assertThat(used).isGreaterThan(20);
        assertThat(found).isGreaterThan(10_000);
    }

    @Test
    void readsTheBundledArithmeticPattern() {
        assertThat(StartChars.of("\\d\\s*[+*/^×÷=]\\s*\\d|\\d\\s+-\\s+\\d")).isPresent();
        assertThat(StartChars.of("\\d\\s*%")).isPresent();
        assertThat(StartChars.of("\\w\\(\\)").orElseThrow().offset()).isEqualTo(1);
    }

    /** Optional or unreadable items before the characters, and sets that include letters (a search from each letter costs more). */
    @Test
    void hasNoneWhereItCannotTell() {
        for (String regex : List.of("\\d?x", "x*\\d", "(?i)1", "\\p{Digit}", "\\Q1\\E", ".1", "^1", "[^1]", "\\W1",
                "\\b[a-z]\\s*\\^\\s*\\d", "a|1", "1|a", "(1)\\1", "[[1]]", "[1&&2]", "\\s*1", "", "(?:)1", "\\b", "1{0}2", "ab|1", "a(?:b|c)1",
                "ab\\(|c\\)\\)", "é?%",
                // non-ASCII letters that the case flags match with ASCII ones: they stand for letters, so never a start set
                "\u0130stanbul", "k\u0131rm\u0131z\u0131", "[\u017f]", "\u212a", "[\u0130-\u0131]", "[0-\u0131]x")) {
            assertThat(StartChars.of(regex)).as(regex).isEmpty();
        }
    }
}
