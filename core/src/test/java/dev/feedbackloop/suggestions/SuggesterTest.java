package dev.feedbackloop.suggestions;

import dev.feedbackloop.privacy.MaskCounts;
import static dev.feedbackloop.suggestions.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suggestions through the real Anthropic SDK against a local server speaking the Messages API. */
class SuggesterTest {
    static final String KEY = "sk-ant-test-0123456789";
    static final String GOOD = "{\"suggestions\": [{\"technique\": \"Show an example output\", \"reasoning\": "
            + "\"Prompts with examples succeeded 78% vs 41%\", \"example\": \"For example: ...\", "
            + "\"addresses\": \"feature \\\"examples\\\"\"}]}";

    @TempDir
    Path dir;
    FeedbackStore store;
    FakeMessagesApi api;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        store = SqliteFeedbackStore.open(dir.resolve("feedback.db"));
        Fixtures.fill(store);
        api = new FakeMessagesApi();
    }

    @AfterEach
    void tearDown() {
        api.close();
        store.close();
    }

    ClaudeSettings settings() {
        return ClaudeSettings.fromEnvironment(Map.of("ANTHROPIC_API_KEY", KEY, "ANTHROPIC_BASE_URL", api.baseUrl()))
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5)).withMaxRetries(1);
    }

    Suggester suggester(ClaudeSettings settings) {
        return Suggester.of(store, settings, Clock.systemUTC());
    }

    SuggestionReport suggest(ClaudeSettings settings, SuggestOptions options) {
        return suggester(settings).suggest(Fixtures.richAnalysis(), options);
    }

    static SuggestOptions options() {
        return SuggestOptions.defaults();
    }

    JsonNode sentBody(int i) throws Exception {
        return json.readTree(api.requests().get(i).body());
    }

    @Test
    void aGoodAnswerComesFromClaudeAndTheRequestCarriesTheAnalysis() throws Exception {
        api.answer(GOOD);

        SuggestionReport r = suggest(settings(), new SuggestOptions("chain-of-thought", 7, 5, 3, false));

        assertThat(r.provenance().source()).isEqualTo("claude");
        assertThat(r.provenance().model()).isEqualTo(ClaudeSettings.DEFAULT_MODEL);
        assertThat(r.provenance().isFallback()).isFalse();
        assertThat(r.suggestions()).containsExactly(new Suggestion("Show an example output",
                "Prompts with examples succeeded 78% vs 41%", "For example: ...", "feature \"examples\""));

        FakeMessagesApi.Request sent = api.requests().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/messages");
        // SDK 3.14 sends the key as "Authorization: Bearer"; older ones used x-api-key
        assertThat(java.util.Arrays.asList(sent.header("x-api-key"), sent.header("authorization")))
                .anySatisfy(h -> assertThat(h).endsWith(KEY));
        assertThat(sent.header("anthropic-version")).isNotBlank();
        JsonNode body = sentBody(0);
        assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-5-5");
        assertThat(body.path("max_tokens").asLong()).isEqualTo(4096);
        assertThat(body.has("temperature")).isFalse();
        String user = body.path("messages").get(0).path("content").asText();
        assertThat(user).contains("Overall: 120 entries, 50.0% success (95% CI 41.0% to 59.0%)")
                .contains("feature \"examples\": 78.0% with vs 41.0% without, effect +37.0 points")
                .contains("framework \"chain-of-thought\": 30.0% with vs 62.0% without")
                .doesNotContain("tag \"creative\"")
                .contains("Framework asked about: \"chain-of-thought\": 30.0% success")
                .contains("Other frameworks: \"few-shot\" 72.0% (n=50)")
                .contains("prompt: \"Make a slogan, something like catchy\"")
                .contains("notes: \"missed the root cause\"")
                .contains("at most 3");
        assertThat(body.path("system").toString()).contains("Reply with JSON only");
    }

    @Test
    void theRequestCarriesPhrasesTypicalOfFailures() throws Exception {
        api.answer(GOOD);
        var a = Fixtures.analysis(Fixtures.richAnalysis().findings(), Map.of(), java.util.List.of(
                Fixtures.pattern("too vague", "notes", -3.3, 9, 0), Fixtures.pattern("vague", "notes", -3.3, 9, 0)));

        suggester(settings()).suggest(a, options());

        String user = sentBody(0).path("messages").get(0).path("content").asText();
        assertThat(user).contains("Words and phrases typical of failed entries:\n- \"too vague\" appears in the notes "
                + "of 9 failed and 0 successful entries (z = -3.30").doesNotContain("- \"vague\"");
    }

    @Test
    void personalDataAndKeysAreMaskedBeforeTheRequestLeavesAndNothingElseIs() throws Exception {
        api.answer(GOOD);
        var rich = Fixtures.richAnalysis();
        var findings = new java.util.ArrayList<>(rich.findings());
        findings.add(Fixtures.finding("feature", "prompt length Q4 (357-2000 chars)", 0.7, 0.45, 30, 0.03));
        var analysis = Fixtures.analysis(findings, rich.frameworkPerformance());

        SuggestionReport r = suggester(settings()).suggest(analysis, options());

        String sent = api.requests().get(0).body();
        assertThat(sent).doesNotContain("jane.doe@example.com").doesNotContain("415 555 0132")
                .doesNotContain("sk-ant-api03").contains("[email]").contains("[phone]").contains("[secret]");
        assertThat(r.provenance().masked()).isEqualTo(MaskCounts.of(1, 1, 1));
        assertThat(sentBody(0).path("messages").get(0).path("content").asText())
                .contains("prompt length Q4 (357-2000 chars)").contains("(2026-11-20 to 2026-11-27, UTC)");
    }

    @Test
    void maskingCanBeTurnedOff() {
        api.answer(GOOD);

        SuggestionReport r = suggest(settings().withMask(false), options());

        assertThat(api.requests().get(0).body()).contains("jane.doe@example.com").contains("sk-ant-api03");
        assertThat(r.provenance().masked().total()).isZero();
    }

    @Test
    void fencedJsonWithProseIsRead() {
        api.answer("Based on your data, here is what I'd change:\n\n```json\n" + GOOD + "\n```\n\nGood luck!");

        SuggestionReport r = suggest(settings(), options());

        assertThat(r.provenance().source()).isEqualTo("claude");
        assertThat(r.suggestions()).extracting(Suggestion::technique).containsExactly("Show an example output");
    }

    @Test
    void aMalformedAnswerFallsBackToRulesAsUnparseableAnswer() {
        api.answer("{\"suggestions\": [{\"technique\": \"Add examples\", \"reasoning\": \"x\" \"example\": ");

        SuggestionReport r = suggest(settings(), options());

        assertThat(r.provenance().source()).isEqualTo("rules");
        assertThat(r.provenance().fallbackReason()).isEqualTo("unparseable answer");
        assertThat(r.suggestions()).extracting(Suggestion::addresses).contains("feature \"examples\"",
                "framework \"chain-of-thought\"", "phrase \"something like\"");
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void http401FallsBackWithoutRetrying() {
        api.error(401, "authentication_error", "invalid x-api-key", Map.of());

        SuggestionReport r = suggest(settings(), options());

        assertThat(r.provenance().source()).isEqualTo("rules");
        assertThat(r.provenance().fallbackReason()).isEqualTo("HTTP 401");
        assertThat(r.provenance().fallbackDetail()).contains("invalid x-api-key");
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void http429WithRetryAfterIsRetriedThenSucceeds() {
        api.error(429, "rate_limit_error", "slow down", Map.of("retry-after", "1")).answer(GOOD);

        SuggestionReport r = suggest(settings(), options());

        assertThat(r.provenance().source()).isEqualTo("claude");
        assertThat(api.requests()).hasSize(2);
        assertThat(api.requests().get(1).header("x-stainless-retry-count")).isEqualTo("1");
    }

    @Test
    void aRetryAfterBeyondTheOverallTimeoutIsNotWaitedFor() {
        api.error(429, "rate_limit_error", "slow down", Map.of("retry-after", "30")).answer(GOOD);

        SuggestionReport r = suggest(settings(), options());

        assertThat(r.provenance().fallbackReason()).isEqualTo("timeout");
        assertThat(r.provenance().fallbackDetail()).contains("next retry would start after 30.0 s");
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void persistentHttp500IsRetriedThenFallsBack() {
        api.error(500, "api_error", "internal error", Map.of("retry-after-ms", "10"));

        SuggestionReport r = suggest(settings(), options());

        assertThat(r.provenance().fallbackReason()).isEqualTo("HTTP 500");
        assertThat(r.provenance().fallbackDetail()).contains("after 1 retries");
        assertThat(api.requests()).hasSize(2);
    }

    @Test
    void aServerThatDoesNotAnswerInTimeFallsBackAsTimeout() {
        api.slow(GOOD, 10_000);
        ClaudeSettings quick = settings().withTimeouts(Duration.ofMillis(300), Duration.ofMillis(1500));

        SuggestionReport r = suggest(quick, options());

        assertThat(r.provenance().source()).isEqualTo("rules");
        assertThat(r.provenance().fallbackReason()).isEqualTo("timeout");
    }

    @Test
    void noKeyFallsBackWithoutAnyRequest() {
        ClaudeSettings noKey = ClaudeSettings.fromEnvironment(Map.of("ANTHROPIC_BASE_URL", api.baseUrl()));

        SuggestionReport r = suggest(noKey, options());

        assertThat(r.provenance().fallbackReason()).isEqualTo("no key");
        assertThat(r.provenance().describe()).isEqualTo("rule-based (fallback: no key - ANTHROPIC_API_KEY is not set)");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void anUnreachableServerFallsBackAsNetworkFailure() {
        String closed = api.baseUrl();
        api.close();
        ClaudeSettings settings = ClaudeSettings.fromEnvironment(Map.of("ANTHROPIC_API_KEY", KEY,
                "ANTHROPIC_BASE_URL", closed)).withMaxRetries(0);

        SuggestionReport r = suggest(settings, options());

        assertThat(r.provenance().fallbackReason()).isEqualTo("network failure");
        assertThat(r.provenance().fallbackDetail()).startsWith("cannot reach " + closed);
    }

    @Test
    void theSameAnalysisAndOptionsReuseTheStoredAnswerInsteadOfCallingAgain() {
        api.answer(GOOD);
        Suggester suggester = suggester(settings());

        SuggestionReport first = suggester.suggest(Fixtures.richAnalysis(), options());
        SuggestionReport second = suggester.suggest(Fixtures.richAnalysis(), options());

        assertThat(api.requests()).hasSize(1);
        assertThat(first.provenance().cached()).isFalse();
        assertThat(second.provenance().cached()).isTrue();
        assertThat(second.provenance().source()).isEqualTo("claude");
        assertThat(second.provenance().masked()).isEqualTo(first.provenance().masked());
        assertThat(second.suggestions()).isEqualTo(first.suggestions());
        assertThat(second.provenance().describe()).contains("cached from");
    }

    @Test
    void refreshOtherOptionsOtherAnalysesAndNewFeedbackAskAgain() {
        api.answer(GOOD);
        Suggester suggester = suggester(settings());
        suggester.suggest(Fixtures.richAnalysis(), options());

        suggester.suggest(Fixtures.richAnalysis(), new SuggestOptions(null, 7, 5, 5, true));
        assertThat(api.requests()).hasSize(2);
        suggester.suggest(Fixtures.richAnalysis(), new SuggestOptions(null, 7, 5, 3, false));
        assertThat(api.requests()).hasSize(3);
        suggester.suggest(Fixtures.noFindings(), options());
        assertThat(api.requests()).hasSize(4);
        suggester(settings().withModel("claude-opus-5-5")).suggest(Fixtures.richAnalysis(), options());
        assertThat(api.requests()).hasSize(5);

        store.insert(Fixtures.entry("one more", 5, true, "few-shot", null, 1));
        suggester.suggest(Fixtures.richAnalysis(), options());
        assertThat(api.requests()).hasSize(6);
        suggester.suggest(Fixtures.richAnalysis(), options());
        assertThat(api.requests()).hasSize(6);
    }

    @Test
    void theWindowMovingOverTheSameEntriesStillHitsTheCache() {
        api.answer(GOOD);
        Suggester suggester = suggester(settings());
        suggester.suggest(Fixtures.richAnalysis(), options());

        var a = Fixtures.richAnalysis();
        var later = a.cachedFor(new dev.feedbackloop.analysis.AnalysisWindow(a.window().start().plusSeconds(60),
                NOW.plusSeconds(60), 7));
        SuggestionReport r = suggester.suggest(later, options());

        assertThat(r.provenance().cached()).isTrue();
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void fallbackAnswersAreNotStored() {
        api.error(401, "authentication_error", "invalid x-api-key", Map.of()).answer(GOOD);
        Suggester suggester = suggester(settings());

        assertThat(suggester.suggest(Fixtures.richAnalysis(), options()).provenance().source()).isEqualTo("rules");
        assertThat(suggester.suggest(Fixtures.richAnalysis(), options()).provenance().source()).isEqualTo("claude");
        assertThat(api.requests()).hasSize(2);
    }

    @Test
    void aRewriteComesFromClaudeWithTheMaskedPromptAndIsStored() throws Exception {
        api.answer("{\"rewritten_prompt\": \"Context: <audience>\\nWrite a tagline. For example: ...\", "
                + "\"changes\": [{\"change\": \"Added an example\", \"reason\": \"examples: 78% vs 41%\"}]}");
        Suggester suggester = suggester(settings());
        String prompt = "Write something like a tagline, ask bob@example.com";

        RewriteReport r = suggester.rewrite(Fixtures.richAnalysis(), prompt, options());
        RewriteReport again = suggester.rewrite(Fixtures.richAnalysis(), prompt, options());

        assertThat(r.provenance().source()).isEqualTo("claude");
        assertThat(r.rewrite().rewritten()).startsWith("Context: <audience>");
        assertThat(r.rewrite().changes()).containsExactly(new Rewrite.Change("Added an example", "examples: 78% vs 41%"));
        String user = sentBody(0).path("messages").get(0).path("content").asText();
        assertThat(user).contains("Write something like a tagline, ask [email]").doesNotContain("bob@example.com");
        assertThat(again.provenance().cached()).isTrue();
        assertThat(again.rewrite()).isEqualTo(r.rewrite());
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void aRewriteFallsBackToRules() {
        api.answer("Sorry, I can't do that.");

        RewriteReport r = suggester(settings()).rewrite(Fixtures.richAnalysis(), "Write a tagline", options());

        assertThat(r.provenance().fallbackReason()).isEqualTo("unparseable answer");
        assertThat(r.rewrite().rewritten()).contains("For example: <");
    }

    @Test
    void notesSayWhenNothingIsSignificantAndHowTheFrameworkDid() {
        ClaudeSettings noKey = ClaudeSettings.fromEnvironment(Map.of());

        SuggestionReport none = suggester(noKey).suggest(Fixtures.noFindings(), options());
        SuggestionReport cot = suggester(noKey).suggest(Fixtures.richAnalysis(),
                new SuggestOptions("chain-of-thought", 7, 5, 5, false));
        SuggestionReport unknown = suggester(noKey).suggest(Fixtures.richAnalysis(),
                new SuggestOptions("tree-of-thought", 7, 5, 5, false));

        assertThat(none.notes()).anySatisfy(n -> assertThat(n).startsWith("No significant findings among the 120 entries"));
        assertThat(cot.notes()).containsExactly("Framework \"chain-of-thought\": 30.0% success (95% CI 20.0% to 40.0%), "
                + "n=40, average rating 2.20.");
        assertThat(unknown.notes()).containsExactly("No entries with the framework \"tree-of-thought\" in the analysed window.");
    }
}
