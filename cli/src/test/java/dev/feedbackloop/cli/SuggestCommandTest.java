package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SuggestCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD = "Here you go:\n```json\n{\"suggestions\": [{\"technique\": \"Show an example\", "
            + "\"reasoning\": \"examples: 67% vs 17%\", \"example\": \"For example: ...\", "
            + "\"addresses\": \"feature \\\"examples\\\"\"}]}\n```";

    @TempDir
    Path dir;
    Path db;

    /**
     * 200 entries of the last day: examples and few-shot succeed, chain-of-thought without examples
     * fails. Every prompt asks for a summary, so all are of one task type (extraction) and the
     * comparisons within task types are the plain ones.
     */
    @BeforeEach
    void fill() {
        db = dir.resolve("feedback.db");
        Instant now = Instant.now();
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(db); BatchWriter batch = store.openBatch()) {
            for (int i = 0; i < 200; i++) {
                boolean examples = i % 2 == 0;
                boolean cot = i % 4 < 2;
                boolean success = examples && !cot || (examples != !cot) && i % 3 == 0;
                String prompt = examples
                        ? "Summarise report " + i + " for the board. For example: 'Revenue rose 4%.'"
                        : "Summarise something like report " + i + ", contact ana" + i + "@example.org";
                batch.add(FeedbackEntry.builder(prompt, "output " + i, success ? 5 : 2).thumbsUp(success)
                        .framework(cot ? "chain-of-thought" : "few-shot")
                        .notes(success ? null : "too vague, call +1 415 555 01" + (10 + i % 80))
                        .timestamp(now.minus(Duration.ofMinutes(i + 1))).build());
            }
            batch.commit();
        }
    }

    private CliRun run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new FeedbackCommand().spec());
        cl.addSubcommand("suggest", new SuggestCommand(env, Clock.systemUTC()));
        Main.configure(cl, new PrintWriter(out, true), new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db", db.toString()));
        int code = cl.execute(LegacyArgs.translate(all.toArray(new String[0])));
        return new CliRun(code, out.toString(), err.toString());
    }

    private CliRun run(String... args) {
        return run(Map.of(), args);
    }

    private static Map<String, String> claude(MessagesApiStub api) {
        return Map.of("ANTHROPIC_API_KEY", "sk-ant-test-key-123456", "ANTHROPIC_BASE_URL", api.baseUrl());
    }

    @Test
    void specificationFormWithoutAKeyGivesRuleBasedSuggestionsAndSaysWhy() {
        CliRun r = run("--suggest");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("Source: rule-based (fallback: no key - ANTHROPIC_API_KEY is not set)");
        assertThat(r.out()).startsWith("Suggestions (rule-based; last 7 days: 200 entries,")
                .contains("1. ").contains("Include an example of what you want")
                .contains("From your prompts that worked: \"Summarise report");
    }

    @Test
    void specificationFormWithFrameworkAndLimitAsJson() throws Exception {
        CliRun r = run("--suggest", "--framework", "chain-of-thought", "--limit", "2", "--json");

        assertThat(r.exitCode()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.path("source").asText()).isEqualTo("rules");
        assertThat(json.path("fallback_reason").asText()).isEqualTo("no key");
        assertThat(json.path("analysis").path("total_feedback").asInt()).isEqualTo(200);
        assertThat(json.path("suggestions")).hasSize(2);
        assertThat(json.path("suggestions").get(0).path("addresses").asText()).isEqualTo("framework \"chain-of-thought\"");
        // compared within task types, never a switch across them: few-shot's higher overall rate is no reason
        assertThat(json.path("suggestions").get(0).path("technique").asText())
                .isEqualTo("Try other frameworks for the task types the framework \"chain-of-thought\" serves");
        assertThat(json.path("notes").toString()).contains("Framework \\\"chain-of-thought\\\"");
    }

    @Test
    void specificationFormWithDays() {
        CliRun r = run("--suggest", "--days", "30");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Suggestions (rule-based; last 30 days: 200 entries,");
    }

    @Test
    void withAKeyClaudeAnswersMaskedAndTheSecondRunReusesTheStoredAnswer() throws Exception {
        try (MessagesApiStub api = MessagesApiStub.answering(GOOD)) {
            CliRun first = run(claude(api), "suggest");
            CliRun second = run(claude(api), "suggest", "--json");
            CliRun refreshed = run(claude(api), "suggest", "--refresh");

            assertThat(first.exitCode()).isZero();
            assertThat(first.err()).contains("Asking claude-sonnet-5-5").contains("Source: Claude (claude-sonnet-5-5)")
                    .contains("Masked before sending: ");
            assertThat(first.out()).contains("1. Show an example").contains("Why: examples: 67% vs 17%");
            assertThat(api.bodies().get(0)).contains("[email]").doesNotContain("@example.org").contains("[phone]");
            JsonNode json = JSON.readTree(second.out());
            assertThat(json.path("source").asText()).isEqualTo("claude");
            assertThat(json.path("cached").asBoolean()).isTrue();
            assertThat(second.err()).doesNotContain("Asking").contains("cached from");
            assertThat(refreshed.err()).contains("Asking");
            assertThat(api.bodies()).hasSize(2);
        }
    }

    @Test
    void noMaskSendsTextAsItIs() throws Exception {
        try (MessagesApiStub api = MessagesApiStub.answering(GOOD)) {
            assertThat(run(claude(api), "suggest", "--no-mask").exitCode()).isZero();

            assertThat(api.bodies().get(0)).contains("@example.org").doesNotContain("[email]");
        }
    }

    @Test
    void aRejectedKeyFallsBackAndSaysHttp401() throws Exception {
        try (MessagesApiStub api = MessagesApiStub.failing(401, "authentication_error", "invalid x-api-key")) {
            CliRun r = run(claude(api), "suggest", "--json");

            assertThat(r.exitCode()).isZero();
            assertThat(r.err()).contains("Source: rule-based (fallback: HTTP 401 - the API key was rejected: invalid x-api-key)");
            JsonNode json = JSON.readTree(r.out());
            assertThat(json.path("fallback_reason").asText()).isEqualTo("HTTP 401");
            assertThat(json.path("suggestions").size()).isPositive();
        }
    }

    @Test
    void rewritesOnePromptByRules() {
        CliRun r = run("suggest", "--rewrite", "Write something like a summary of the memo");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Write something like a summary of the memo\n\nFor example: <")
                .contains("What changed and why:").contains("- Added after the prompt: For example:");
    }

    @Test
    void rewritesAPromptFromAFileAsJson() throws Exception {
        Path file = dir.resolve("prompt.txt");
        Files.writeString(file, "Write something like a summary of the memo\n");

        CliRun r = run("suggest", "--rewrite-file", file.toString(), "--json");

        assertThat(r.exitCode()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.path("source").asText()).isEqualTo("rules");
        assertThat(json.path("original_prompt").asText()).isEqualTo("Write something like a summary of the memo");
        assertThat(json.path("rewritten_prompt").asText()).startsWith("Write something like a summary of the memo\n\n");
        assertThat(json.path("changes").get(0).path("change").asText()).startsWith("Added after the prompt: For example:");
        assertThat(json.path("changes").get(0).path("reason").asText()).startsWith("feature \"examples\"");
    }

    @Test
    void badOptionsAreUsageErrors() {
        CliRun limit = run("suggest", "--limit", "0");
        CliRun both = run("suggest", "--rewrite", "x", "--rewrite-file", "y.txt");
        CliRun missing = run("suggest", "--rewrite-file", dir.resolve("nope.txt").toString());
        CliRun timeout = run("suggest", "--timeout", "0");

        assertThat(limit.exitCode()).isEqualTo(2);
        assertThat(limit.err()).contains("limit must be from 1 to 20, got 0");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        assertThat(timeout.exitCode()).isEqualTo(2);
    }

    @Test
    void tooLittleDataIsARuntimeFailureWithJsonProblem() throws Exception {
        db = dir.resolve("empty.db");

        CliRun r = run("suggest", "--json");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("Insufficient feedback data");
        assertThat(JSON.readTree(r.out()).path("error").path("type").asText()).isEqualTo("insufficient_data");
    }

    @Test
    void helpDescribesTheCommand() {
        CliRun r = run("suggest", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--rewrite-file").contains("ANTHROPIC_API_KEY").contains("--no-mask");
    }
}
