package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.analysis.AnalysisJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path dir;

    String db() {
        return dir.resolve("feedback.db").toString();
    }

    @Test
    void specificationFormWritesAMonthlyJsonFile() throws Exception {
        CliRun.fill(dir.resolve("feedback.db"), 500, 50, 1);
        Path out = dir.resolve("monthly_report.json");
        CliRun r = CliRun.run("--report", "--period", "monthly", "--output", out.toString(), "--db", db());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("Saved json report to");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = AnalysisJson.mapper().readValue(Files.readString(out), Map.class);
        assertThat(m).containsKeys("period", "start_date", "end_date", "total_prompts", "avg_rating", "success_rate",
                "improvement_vs_previous", "top_performers", "problem_areas", "action_items");
        assertThat(m.get("period")).isEqualTo(YearMonth.now(ZoneId.systemDefault()).toString());
        assertThat(((Number) m.get("total_prompts")).intValue()).isBetween(250, 350);
    }

    @Test
    void weeklyTextByDefaultWithTheIsoWeekLabel() {
        CliRun.fill(dir.resolve("feedback.db"), 300, 14, 2);
        CliRun r = CliRun.run("--report", "--db", db());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
        LocalDate today = LocalDate.now(ZoneId.systemDefault());
        String label = String.format(Locale.ROOT, "%d-W%02d", today.get(IsoFields.WEEK_BASED_YEAR),
                today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        assertThat(r.out()).contains("Weekly report " + label, "Success rate:", "Top performers", "Action items");
    }

    @Test
    void formatFollowsTheFileExtensionOrTheOption() throws Exception {
        CliRun.fill(dir.resolve("feedback.db"), 300, 14, 3);
        Path html = dir.resolve("out/report.html");
        assertThat(CliRun.run("report", "--output", html.toString(), "--db", db()).exitCode()).isEqualTo(0);
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("<svg");
        Path md = dir.resolve("report.txt");
        assertThat(CliRun.run("report", "--format", "markdown", "--output", md.toString(), "--db", db()).exitCode())
                .isEqualTo(0);
        assertThat(Files.readString(md)).startsWith("# Weekly report");
        CliRun json = CliRun.run("report", "--month", YearMonth.now().toString(), "--json", "--db", db());
        assertThat(json.exitCode()).isEqualTo(0);
        assertThat(AnalysisJson.mapper().readValue(json.out(), Map.class).get("kind")).isEqualTo("monthly");
    }

    @Test
    void aRepeatedReportWithNothingNewIsTheOneGeneratedBefore() throws Exception {
        CliRun.fill(dir.resolve("feedback.db"), 300, 14, 4);
        CliRun first = CliRun.run("report", "--period", "weekly", "--json", "--db", db());
        assertThat(first.exitCode()).as(first.err()).isEqualTo(0);
        CliRun again = CliRun.run("report", "--period", "weekly", "--json", "--db", db());
        assertThat(again.out()).as("the same report, generated_at included").isEqualTo(first.out());
        CliRun text = CliRun.run("report", "--period", "weekly", "--db", db());
        @SuppressWarnings("unchecked")
        Map<String, Object> m = AnalysisJson.mapper().readValue(first.out(), Map.class);
        assertThat(text.out()).contains(String.format(Locale.ROOT, "%,d", ((Number) m.get("total_prompts")).intValue()));

        CliRun.run("capture", "--prompt", "one more", "--output", "o", "--rating", "5", "--db", db());
        CliRun after = CliRun.run("report", "--period", "weekly", "--json", "--db", db());
        @SuppressWarnings("unchecked")
        Map<String, Object> n = AnalysisJson.mapper().readValue(after.out(), Map.class);
        assertThat(((Number) n.get("total_prompts")).intValue()).isEqualTo(((Number) m.get("total_prompts")).intValue() + 1);
    }

    @Test
    void calendarWeek() throws Exception {
        CliRun r = CliRun.run("report", "--week", "2026-W47", "--json", "--db", db());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = AnalysisJson.mapper().readValue(r.out(), Map.class);
        assertThat(m.get("period")).isEqualTo("2026-W47");
        assertThat(m.get("total_prompts")).isEqualTo(0);
    }

    @Test
    void badPeriodsAreUsageErrorsAndWriteNothing() {
        Path out = dir.resolve("never.json");
        CliRun yearly = CliRun.run("--report", "--period", "yearly", "--output", out.toString(), "--db", db());
        assertThat(yearly.exitCode()).isEqualTo(2);
        assertThat(yearly.err()).contains("weekly or monthly");
        CliRun week60 = CliRun.run("report", "--week", "2026-W60", "--db", db());
        assertThat(week60.exitCode()).isEqualTo(2);
        assertThat(week60.err()).contains("2026-W60", "weeks 1 to 53");
        assertThat(CliRun.run("report", "--month", "2026-13", "--db", db()).exitCode()).isEqualTo(2);
        assertThat(CliRun.run("report", "--week", "2026-W47", "--month", "2026-10", "--db", db()).exitCode())
                .isEqualTo(2);
        assertThat(CliRun.run("report", "--week", "2026-W47", "--period", "monthly", "--db", db()).exitCode())
                .isEqualTo(2);
        CliRun format = CliRun.run("report", "--format", "pdf", "--json", "--db", db());
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.out()).contains("\"type\":\"invalid_input\"");
        assertThat(out).doesNotExist();
    }
}
