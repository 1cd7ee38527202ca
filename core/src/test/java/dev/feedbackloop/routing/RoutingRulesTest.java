package dev.feedbackloop.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingRulesTest {
    @TempDir
    Path dir;

    @Test
    void bundledRulesCoverTheSpecificationsTaskTypesAndFrameworks() {
        RoutingRules rules = RoutingRules.defaults();
        assertThat(rules.taskTypes()).extracting(TaskTypeRule::name).contains("reasoning", "math", "code",
                "formatting", "extraction", "planning", "decision", "research", "content", "simple");
        assertThat(rules.frameworks()).containsOnlyKeys("chain-of-thought", "code-generation-chain", "few-shot",
                "structured-prompting", "first-principles", "decision-matrix", "research-to-action-chain",
                "content-creation-chain", "direct-answer");
        assertThat(rules.taskTypes()).extracting(TaskTypeRule::defaultFramework)
                .containsAll(rules.frameworks().keySet());
        for (TaskTypeRule t : rules.taskTypes()) {
            assertThat(t.candidates().get(0)).isEqualTo(t.defaultFramework());
            assertThat(t.candidates()).as(t.name()).hasSizeGreaterThanOrEqualTo(3);
        }
        assertThat(rules.fallback().name()).isEqualTo("simple");
        assertThat(rules.learning().halfLifeDays()).isEqualTo(30);
    }

    @Test
    void aCustomFileLoads() throws IOException {
        Path file = dir.resolve("rules.json");
        Files.writeString(file, bundled().replace("\"half_life_days\": 30", "\"half_life_days\": 7"));
        assertThat(RoutingRules.load(file).learning().halfLifeDays()).isEqualTo(7);
    }

    @Test
    void unknownFrameworkIsNamedWithItsTaskType() {
        String json = bundled().replace("\"candidates\": [\"chain-of-thought\", \"first-principles\"",
                "\"candidates\": [\"chain-of-thought\", \"first-principals\"");
        assertThatThrownBy(() -> RoutingRules.parse(json, "x.json")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("x.json").hasMessageContaining("task type 'math'")
                .hasMessageContaining("'first-principals' is not defined under frameworks");
    }

    @Test
    void unknownTechniqueIsNamed() {
        String json = bundled().replace("\"techniques\": [\"verify-result\"]", "\"techniques\": [\"verify\"]");
        assertThatThrownBy(() -> RoutingRules.parse(json, "x.json"))
                .hasMessageContaining("task type 'math': technique 'verify' is not defined");
    }

    @Test
    void aMisspelledFieldIsReportedWithWhereItIs() {
        String optional = bundled().replace("\"techniques\": [\"preserve-content\"]", "\"technique\": []");
        assertThatThrownBy(() -> RoutingRules.parse(optional, "x.json"))
                .hasMessageContaining("unknown field 'technique'").hasMessageContaining("task_types[2]");
        String required = bundled().replace("\"default_framework\": \"few-shot\"", "\"default_framwork\": \"few-shot\"");
        assertThatThrownBy(() -> RoutingRules.parse(required, "x.json"))
                .hasMessageContaining("task type 'formatting': default_framework is required");
    }

    @Test
    void badRegexBadWeightAndBadConfidenceAreRejected() {
        assertThatThrownBy(() -> RoutingRules.parse(bundled().replace("\"regex\": \"```\"", "\"regex\": \"([a\""),
                "x")).hasMessageContaining("'code block'").hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> RoutingRules.parse(bundled().replace("\"calculat*\": 3", "\"calculat*\": 0"), "x"))
                .hasMessageContaining("keyword 'calculat*' needs a positive integer weight");
        assertThatThrownBy(() -> RoutingRules.parse(bundled().replace("\"confidence\": 0.85", "\"confidence\": 1.5"),
                "x")).hasMessageContaining("task type 'math': confidence is required and must be in (0, 1], got 1.5");
    }

    @Test
    void duplicateTypesUnknownFallbackAndBadPriorsAreRejected() {
        assertThatThrownBy(() -> RoutingRules.parse(bundled().replace("\"name\": \"code\"", "\"name\": \"math\""),
                "x")).hasMessageContaining("task type 'math' is defined twice");
        assertThatThrownBy(() -> RoutingRules.parse(
                bundled().replace("\"fallback_task_type\": \"simple\"", "\"fallback_task_type\": \"chat\""), "x"))
                .hasMessageContaining("fallback_task_type 'chat' is not one of the task types");
        assertThatThrownBy(() -> RoutingRules.parse(bundled().replace("\"mean\": 0.65", "\"mean\": 1.2"), "x"))
                .hasMessageContaining("must be strictly between 0 and 1, got 1.2");
        assertThatThrownBy(() -> RoutingRules.parse(bundled().replace("\"name\": \"code\"", "\"name\": \"Code\""),
                "x")).hasMessageContaining("must be lowercase");
    }

    @Test
    void brokenJsonAndMissingFilesSayWhere() {
        assertThatThrownBy(() -> RoutingRules.parse("{\"version\": 1,,}", "x.json"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("x.json: invalid JSON")
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> RoutingRules.load(dir.resolve("nope.json")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope.json: no such file");
        assertThatThrownBy(() -> RoutingRules.parse("{\"version\": 1}", "x.json"))
                .hasMessageContaining("x.json").hasMessageContaining("is required");
        assertThatThrownBy(() -> RoutingRules.parse(bundled().replace("\"unmatched_confidence\": 0.5,", ""), "x"))
                .hasMessageContaining("unmatched_confidence is required");
    }

    static String bundled() {
        try (InputStream in = RoutingRules.class.getResourceAsStream(RoutingRules.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
