package dev.feedbackloop.suggestions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.InsufficientDataException;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import dev.feedbackloop.testdata.SyntheticFeedback;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The specification's suggest_improvements end to end: real store, real analysis, rules (no key). */
class SuggestImprovementsTest {
    static final Clock AT_END = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private List<Map<String, String>> suggest(SyntheticFeedback data, String framework) {
        try (FeedbackStore store = SqliteFeedbackStore.open(dir.resolve(framework + data.hashCode() + ".db"))) {
            data.into(store);
            Suggester suggester = Suggester.of(store, ClaudeSettings.fromEnvironment(Map.of()), AT_END);
            return suggester.suggestImprovements(framework, 30, 5);
        }
    }

    @Test
    void plantedEffectsComeBackAsSuggestions() {
        List<Map<String, String>> s = suggest(SyntheticFeedback.seed(1).count(3000).examples(0.4, 0.3)
                .framework("direct-answer", -0.25).phrase("legacy system", 0.2, -0.3), "none");

        assertThat(s).extracting(m -> m.get("addresses")).contains("feature \"examples\"",
                "framework \"direct-answer\"");
        assertThat(s).extracting(m -> m.get("technique")).contains("Include an example of what you want")
                // compared within task types: other frameworks for the same task types, never a switch across them
                .contains("Try other frameworks for the task types the framework \"direct-answer\" serves")
                .anySatisfy(t -> assertThat(t).containsIgnoringCase("legacy"));
        assertThat(s.get(0).keySet()).containsExactly("technique", "reasoning", "example", "addresses");
    }

    @Test
    void otherDataGiveOtherSuggestions() {
        List<Map<String, String>> s = suggest(SyntheticFeedback.seed(2).count(3000).examples(0.4, -0.25)
                .framework("few-shot", 0.3), "few-shot");

        assertThat(s).extracting(m -> m.get("technique")).contains("Check that your examples fit the task")
                .doesNotContain("Include an example of what you want")
                .noneSatisfy(t -> assertThat(t).contains("legacy"));
        assertThat(s.get(0).get("addresses")).isEqualTo("framework \"few-shot\"");
    }

    @Test
    void tooLittleDataIsReported() {
        assertThatThrownBy(() -> suggest(SyntheticFeedback.seed(3).count(3), "none"))
                .isInstanceOf(InsufficientDataException.class);
    }
}
