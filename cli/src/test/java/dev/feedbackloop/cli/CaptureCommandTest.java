package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaptureCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("data/feedback.db");
    }

    private CliRun capture(String... extra) {
        List<String> args = new ArrayList<>(List.of("--capture", "--db", db().toString()));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(new String[0]));
    }

    private long stored() {
        if (!Files.exists(db())) {
            return 0;
        }
        try (SqliteFeedbackStore s = SqliteFeedbackStore.open(db())) {
            return s.count();
        }
    }

    @Test
    void specificationCommandWorksVerbatim() {
        CliRun run = capture("--prompt", "Explain quantum computing in simple terms",
                "--output", "Quantum computing uses quantum mechanics...", "--rating", "5", "--thumbs-up",
                "--tags", "technical,explanation", "--framework", "chain-of-thought", "--model", "claude-sonnet-4");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Captured feedback ").contains("rating 5, thumbs up, positive");
        try (SqliteFeedbackStore s = SqliteFeedbackStore.open(db())) {
            FeedbackEntry e = s.find(dev.feedbackloop.storage.FeedbackQuery.ALL).get(0);
            assertThat(e.tags()).containsExactly("technical", "explanation");
            assertThat(e.framework()).isEqualTo("chain-of-thought");
            assertThat(e.model()).isEqualTo("claude-sonnet-4");
        }
    }

    @Test
    void subcommandFormAndJsonOutput() throws Exception {
        CliRun run = CliRun.run("capture", "--db", db().toString(), "--prompt", "p", "--output", "o", "--rating", "2",
                "--tags", " a, b,,a ", "--context", "{\"framework\": \"ignored\", \"execution_time\": 1.5}",
                "--framework", "few-shot", "--notes", "meh", "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("status").asText()).isEqualTo("inserted");
        JsonNode entry = json.get("entry");
        assertThat(entry.get("thumbs_up").asBoolean()).as("rating 2 without a flag means thumbs down").isFalse();
        assertThat(entry.get("tags")).hasSize(2);
        assertThat(entry.get("context").get("framework").asText()).isEqualTo("few-shot");
        assertThat(entry.get("context").get("execution_time").asDouble()).isEqualTo(1.5);
        assertThat(entry.get("timestamp").asText()).endsWith("+00:00");
    }

    @Test
    void sameIdTwiceIsIdempotentAndDifferentContentIsAConflict() {
        String[] args = {"--prompt", "p", "--output", "o", "--rating", "4", "--feedback-id", "fixed-1",
            "--timestamp", "2026-11-01T10:00:00Z"};
        assertThat(capture(args).exitCode()).isZero();
        CliRun again = capture(args);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).startsWith("Already stored:");

        CliRun conflict = capture("--prompt", "p", "--output", "other", "--rating", "4", "--feedback-id", "fixed-1",
                "--timestamp", "2026-11-01T10:00:00Z");
        assertThat(conflict.exitCode()).isEqualTo(2);
        assertThat(conflict.err()).contains("fixed-1 already exists with different content");
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void retryingTheSameIdWithoutATimestampIsANoOp() {
        String[] args = {"--prompt", "p", "--output", "o", "--rating", "5", "--feedback-id", "retry-1"};
        assertThat(capture(args).exitCode()).isZero();

        CliRun retry = capture(args);

        assertThat(retry.exitCode()).as(retry.err()).isZero();
        assertThat(retry.out()).startsWith("Already stored:");
        assertThat(capture("--prompt", "p", "--output", "o", "--rating", "4", "--feedback-id", "retry-1").exitCode())
                .as("different content is still a conflict").isEqualTo(2);
        assertThat(stored()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "6", "4.5", "five", "-1", ""})
    void badRatingsAreRejectedAndNothingIsStored(String rating) {
        CliRun run = capture("--prompt", "p", "--output", "o", "--rating", rating);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("rating must be an integer from 1 to 5, got '" + rating + "'");
        assertThat(stored()).isZero();
    }

    @Test
    void missingRequiredOptionsAreNamed() {
        assertThat(capture("--prompt", "p", "--output", "o").err()).contains("Missing required option: '--rating");
        assertThat(capture("--output", "o", "--rating", "3").err()).contains("Missing required argument (specify one of these): (--prompt=TEXT | --prompt-file=FILE)");
        assertThat(capture("--prompt", "p", "--rating", "3").exitCode()).isEqualTo(2);
        assertThat(stored()).isZero();
    }

    @Test
    void emptyPromptOrOutputIsRejected() {
        CliRun emptyPrompt = capture("--prompt", "  ", "--output", "o", "--rating", "3");
        assertThat(emptyPrompt.exitCode()).isEqualTo(2);
        assertThat(emptyPrompt.err()).contains("prompt is required and must not be empty");
        CliRun emptyOutput = capture("--prompt", "p", "--output", "", "--rating", "3");
        assertThat(emptyOutput.exitCode()).isEqualTo(2);
        assertThat(emptyOutput.err()).contains("output is required and must not be empty");
        assertThat(stored()).isZero();
    }

    @Test
    void bothThumbsFlagsAreAnError() {
        CliRun run = capture("--prompt", "p", "--output", "o", "--rating", "3", "--thumbs-up", "--thumbs-down");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("mutually exclusive");
        assertThat(stored()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[1, 2]", "\"text\"", "42", "{\"a\": 1} trailing"})
    void invalidOrNonObjectContextIsRejected(String context) throws Exception {
        CliRun run = capture("--prompt", "p", "--output", "o", "--rating", "3", "--context", context, "--json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--context");
        assertThat(JSON.readTree(run.out()).get("error").get("type").asText()).isEqualTo("invalid_input");
        assertThat(stored()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"task_type\": 5}", "{\"primary_framework\": {\"a\": 1}}", "{\"model_recommendation\": \"\"}"})
    void routingFieldsMustBeTexts(String routing) {
        CliRun run = capture("--prompt", "p", "--output", "o", "--rating", "3", "--routing", routing);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("must be a non-empty string");
        assertThat(stored()).isZero();
    }

    @Test
    void timestampsOutsideTheStorableYearsAreRejected() {
        CliRun run = capture("--prompt", "p", "--output", "o", "--rating", "3", "--timestamp", "+12026-01-01T00:00:00Z");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("outside the years 1-9999");
        assertThat(capture("--prompt", "p", "--output", "o", "--rating", "3", "--context", "{\"x\": 1e400}").err())
                .contains("out of range");
        assertThat(stored()).isZero();
    }

    @Test
    void unknownFlagPrintsUsageAndExits2() {
        CliRun run = capture("--prompt", "p", "--output", "o", "--rating", "3", "--colour", "red");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--colour'").contains("Usage: feedback capture [-hV]")
                .contains("Try 'feedback capture --help'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aDatabasePathThatIsNotADatabaseIsLeftUntouched() throws Exception {
        Path notes = dir.resolve("notes.db");
        Files.writeString(notes, "not a database");

        CliRun run = CliRun.run("--capture", "--db", notes.toString(), "--prompt", "p", "--output", "o", "--rating", "3");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not a SQLite database");
        assertThat(Files.readString(notes)).isEqualTo("not a database");
    }

    @Test
    void anUnwritablePathIsARuntimeFailureWithAClearMessage() throws Exception {
        Path file = dir.resolve("file");
        Files.writeString(file, "x");

        CliRun run = CliRun.run("--capture", "--db", file.resolve("x/feedback.db").toString(),
                "--prompt", "p", "--output", "o", "--rating", "3");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: cannot create folder");
    }

    @Test
    void helpIsAvailable() {
        CliRun run = CliRun.run("capture", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--thumbs-up").contains("--routing");
    }

    @Test
    void aRatersLaterVoteOnAnOutputReplacesTheEarlierOne() {
        assertThat(capture("--prompt", "p", "--output", "o", "--rating", "1", "--rater-id", "u1", "--output-id", "a1")
                .exitCode()).isZero();
        assertThat(capture("--prompt", "p", "--output", "o", "--rating", "5", "--rater-id", "u1", "--output-id", "a1")
                .exitCode()).isZero();
        assertThat(capture("--prompt", "p", "--output", "o", "--rating", "3", "--rater-id", "u2", "--output-id", "a1")
                .exitCode()).isZero();
        try (SqliteFeedbackStore s = SqliteFeedbackStore.open(db())) {
            assertThat(s.find(dev.feedbackloop.storage.FeedbackQuery.ALL)).extracting(FeedbackEntry::rating)
                    .containsExactlyInAnyOrder(5, 3);
            assertThat(s.replacedVotes("a1", "u1")).extracting(FeedbackEntry::rating).containsExactly(1);
        }
    }
}
