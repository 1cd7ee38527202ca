package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.analysis.AnalysisJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
    @TempDir
    Path dir;

    String db() {
        return dir.resolve("feedback.db").toString();
    }

    @Test
    void specificationFormPrintsRatesIntervalsFindingsAndRecommendations() {
        CliRun.fill(dir.resolve("feedback.db"), 600, 20, 1);
        CliRun r = CliRun.run("--analyze", "--days", "30", "--min-samples", "10", "--db", db());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("Success rate:", "95% interval", "Frameworks", "direct-answer", "Findings:",
                "Recommendations", "Include examples in prompts", "evidence:", "█");
    }

    @Test
    void jsonHasTheSpecificationsFieldsAndNothingElseOnStdout() throws Exception {
        CliRun.fill(dir.resolve("feedback.db"), 400, 5, 2);
        CliRun r = CliRun.run("analyze", "--json", "--db", db());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = AnalysisJson.mapper().readValue(r.out(), Map.class);
        assertThat(m).containsKeys("total_feedback", "positive_count", "negative_count", "success_rate",
                "common_positive_patterns", "common_negative_patterns", "tag_performance", "framework_performance",
                "recommendations", "window", "success_rate_ci", "model_performance", "findings",
                "recommendation_details");
        assertThat(((Number) m.get("total_feedback")).intValue()).isEqualTo(400);
        assertThat(((Map<?, ?>) m.get("window")).get("days")).isEqualTo(7.0);
        assertThat((List<?>) m.get("findings")).isNotEmpty();
        assertThat(m.get("from_cache")).isEqualTo(false);

        CliRun again = CliRun.run("analyze", "--json", "--db", db());
        assertThat(AnalysisJson.mapper().readValue(again.out(), Map.class).get("from_cache")).isEqualTo(true);
    }

    @Test
    void tooLittleDataIsARuntimeFailureWithTheSpecificationsMessage() {
        CliRun.fill(dir.resolve("feedback.db"), 3, 2, 3);
        CliRun r = CliRun.run("--analyze", "--db", db());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("Insufficient feedback data: found 3, need 5");
        CliRun json = CliRun.run("analyze", "--json", "--db", db());
        assertThat(json.out()).contains("\"type\":\"insufficient_data\"");
    }

    @Test
    void badNumbersAreUsageErrorsNamingTheOption() {
        CliRun zero = CliRun.run("analyze", "--days", "0", "--db", db());
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("days must be between 1 and 3650, got 0");
        CliRun word = CliRun.run("analyze", "--min-samples", "many", "--db", db());
        assertThat(word.exitCode()).isEqualTo(2);
        assertThat(word.err()).contains("Invalid value for option '--min-samples'");
        assertThat(CliRun.run("analyze", "--min-support", "0", "--db", db()).exitCode()).isEqualTo(2);
    }

    @Test
    void helpDescribesTheOptions() {
        CliRun r = CliRun.run("analyze", "--help");
        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(r.out()).contains("--days", "--min-samples", "--min-support", "--json", "--db", "--adjust-for");
    }

    @Test
    void taskTypesAreListedAndFurtherFieldsCanBeAdjustedFor() throws Exception {
        CliRun.fill(dir.resolve("feedback.db"), 600, 20, 4);
        CliRun r = CliRun.run("analyze", "--days", "30", "--db", db());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("Task types (", "typed by the router's classifier", "raw ");

        CliRun json = CliRun.run("analyze", "--days", "30", "--adjust-for", "model", "--json", "--db", db());
        assertThat(json.exitCode()).as(json.err()).isEqualTo(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = AnalysisJson.mapper().readValue(json.out(), Map.class);
        assertThat(m.get("adjusted_for")).isEqualTo(List.of("model"));
        assertThat(((Map<?, ?>) m.get("task_types")).keySet()).allMatch(k -> k.toString().contains(", model "));
        assertThat((List<?>) m.get("findings")).anyMatch(f -> ((Map<?, ?>) f).get("raw") != null);

        CliRun tag = CliRun.run("analyze", "--adjust-for", "tag", "--db", db());
        assertThat(tag.exitCode()).isEqualTo(2);
        assertThat(tag.err()).contains("cannot adjust for 'tag': one of model, framework");
    }
}
