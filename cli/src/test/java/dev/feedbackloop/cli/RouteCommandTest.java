package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteCommandTest {
    static final String MATH = "Calculate the derivative of x^2";

    @TempDir
    Path dir;

    static CliRun run(String... args) {
        return CliRun.run(args);
    }

    String db() {
        return dir.resolve("feedback.db").toString();
    }

    @Test
    void routeJsonHasTheDecisionFieldsAndCreatesNoDatabase() {
        CliRun r = run("route", MATH, "--json", "--db", db());
        assertThat(r.exitCode()).isZero();
        Map<String, Object> m = r.json();
        assertThat(m).containsEntry("task_type", "math").containsEntry("primary_framework", "chain-of-thought")
                .containsEntry("model_recommendation", "claude-opus-4").containsEntry("mode", "static")
                .containsKeys("techniques", "confidence", "reasoning", "candidates", "rule_framework")
                .doesNotContainKey("explanation");
        assertThat(Files.exists(dir.resolve("feedback.db"))).isFalse();
    }

    @Test
    void plainOutputAndExplain() {
        CliRun r = run("route", "Write", "a", "blog", "post", "about", "cats", "--explain", "--db", db());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Task type:   content").contains("Framework:   content-creation-chain")
                .contains("Classification").contains("blog*");
    }

    @Test
    void theSpecificationsModeFlagWorks() {
        CliRun r = run("--route", "Should I rent or buy?", "--json", "--db", db());
        assertThat(r.exitCode()).isZero();
        assertThat(r.json()).containsEntry("task_type", "decision").containsEntry("primary_framework", "decision-matrix");
        CliRun e = run("--enhance", "Should I rent or buy?", "--db", db());
        assertThat(e.exitCode()).isZero();
        assertThat(e.out()).contains("Approach: decision-matrix").contains("Score each option");
    }

    @Test
    void emptyOrMissingTaskAndBadOptionsExitTwo() {
        CliRun empty = run("route", "  ", "--json", "--db", db());
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("TASK is required");
        assertThat(empty.json()).containsKey("error");
        assertThat(run("route", "--db", db()).exitCode()).isEqualTo(2);
        CliRun mode = run("route", MATH, "--mode", "clever", "--db", db());
        assertThat(mode.exitCode()).isEqualTo(2);
        assertThat(mode.err()).contains("Invalid value for option '--mode'");
        assertThat(run("route", MATH, "--seed", "abc").exitCode()).isEqualTo(2);
        assertThat(run("enhance", "", "--db", db()).exitCode()).isEqualTo(2);
        CliRun halfLife = run("route", MATH, "--half-life-days", "0", "--db", db());
        assertThat(halfLife.exitCode()).isEqualTo(2);
        assertThat(halfLife.err()).contains("--half-life-days must be a positive number");
    }

    @Test
    void badRulesFileExitsTwoNamingTheProblem() throws Exception {
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, "{\"version\": 2}");
        CliRun r = run("route", MATH, "--rules", rules.toString(), "--db", db());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("routing rules").contains("rules.json");
        assertThat(run("route", MATH, "--rules", dir.resolve("none.json").toString()).err()).contains("no such file");
    }

    @Test
    void routeJsonCapturedWithRoutingIsLearnedFrom() {
        CliRun first = run("route", MATH, "--json", "--db", db());
        CliRun captured = run("capture", "--prompt", MATH, "--output", "2x", "--rating", "5", "--routing",
                first.out().strip(), "--json", "--db", db());
        assertThat(captured.exitCode()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) ((Map<String, Object>) captured.json().get("entry"))
                .get("context");
        assertThat(context).containsEntry("task_type", "math").containsEntry("framework", "chain-of-thought")
                .containsEntry("model", "claude-opus-4").containsKey("routing");

        CliRun learned = run("route", MATH, "--json", "--explain", "--seed", "3", "--db", db());
        assertThat(learned.exitCode()).isZero();
        Map<String, Object> m = learned.json();
        assertThat(m).containsEntry("mode", "learning");
        @SuppressWarnings("unchecked")
        Map<String, Object> explanation = (Map<String, Object>) m.get("explanation");
        assertThat(explanation).containsEntry("seed", 3).containsKey("confidence_basis");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> candidates = (List<Map<String, Object>>) explanation.get("candidates");
        assertThat(candidates.get(0)).containsEntry("framework", "chain-of-thought").containsEntry("outcomes", 1)
                .containsEntry("positives", 1).containsKeys("posterior_mean", "probability_best", "thompson_draw");
        assertThat(run("route", MATH, "--json", "--seed", "3", "--db", db()).json())
                .isEqualTo(withoutExplanation(m));
    }

    @Test
    void feedbackThroughTheCliTurnsTheRouterToTheBetterFramework() {
        String good = run("route", MATH, "--json", "--db", db()).out().strip()
                .replace("\"primary_framework\":\"chain-of-thought\"", "\"primary_framework\":\"first-principles\"");
        String bad = run("route", MATH, "--json", "--db", db()).out().strip();
        for (int i = 0; i < 12; i++) {
            assertThat(run("capture", "--prompt", MATH, "--output", "o", "--rating", "5", "--routing", good,
                    "--db", db()).exitCode()).isZero();
            assertThat(run("capture", "--prompt", MATH, "--output", "o", "--rating", "1", "--routing", bad,
                    "--db", db()).exitCode()).isZero();
        }
        List<String> chosen = new ArrayList<>();
        for (int seed = 0; seed < 10; seed++) {
            chosen.add((String) run("route", MATH, "--json", "--seed", Integer.toString(seed), "--db", db()).json()
                    .get("primary_framework"));
        }
        assertThat(chosen).doesNotContain("chain-of-thought");
        assertThat(chosen.stream().filter("first-principles"::equals).count()).isGreaterThanOrEqualTo(5);
        CliRun baseline = run("route", MATH, "--json", "--mode", "baseline", "--db", db());
        assertThat(baseline.json()).containsEntry("primary_framework", "chain-of-thought");
        assertThat((String) baseline.json().get("reasoning")).contains("Framework needs improvement (0% success)");
        CliRun statics = run("route", MATH, "--json", "--mode", "static", "--db", db());
        assertThat(statics.json()).containsEntry("primary_framework", "chain-of-thought").containsEntry("confidence", 0.85);
    }

    @Test
    void enhanceJsonCarriesTheRoutingAndThePrompt() {
        CliRun r = run("enhance", "Extract all email addresses from this text", "--json", "--db", db());
        assertThat(r.exitCode()).isZero();
        Map<String, Object> m = r.json();
        assertThat(m).containsEntry("task", "Extract all email addresses from this text");
        assertThat((String) m.get("enhanced_prompt")).contains("Approach: structured-prompting")
                .contains("Extract only what the text states");
        @SuppressWarnings("unchecked")
        Map<String, Object> routing = (Map<String, Object>) m.get("routing");
        assertThat(routing).containsEntry("task_type", "extraction");
    }

    @Test
    void helpExitsZero() {
        assertThat(run("route", "--help").exitCode()).isZero();
        assertThat(run("enhance", "--help").out()).contains("build_enhanced_prompt");
    }

    private static Map<String, Object> withoutExplanation(Map<String, Object> m) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(m);
        copy.remove("explanation");
        return copy;
    }
}
