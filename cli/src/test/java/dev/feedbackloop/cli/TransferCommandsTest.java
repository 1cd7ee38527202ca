package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransferCommandsTest {
    private static final String ANCHOR = "2026-11-27T14:37:25Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private String db(String name) {
        return dir.resolve(name).toString();
    }

    private long count(String db) throws IOException {
        return run("stats", "--db", db, "--json").json().get("total_feedback").asLong();
    }

    @ParameterizedTest
    @ValueSource(strings = {"all.jsonl", "all.csv", "all.json"})
    void generateExportImportRoundTrip(String name) throws IOException {
        Run gen = run("generate", "--count", "300", "--days", "20", "--seed", "3", "--anchor", ANCHOR, "--db", db("a.db"),
                "--json");
        assertThat(gen.code()).isZero();
        assertThat(gen.json().get("inserted").asInt()).isEqualTo(300);
        String file = dir.resolve(name).toString();
        Run export = run("export", file, "--db", db("a.db"));
        assertThat(export.code()).isZero();
        assertThat(export.out()).startsWith("Exported 300 entries to " + file);
        Run imported = run("import", file, "--db", db("b.db"), "--json");
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.json().get("inserted").asInt()).isEqualTo(300);
        assertThat(imported.json().get("errors")).isEmpty();
        Path again = dir.resolve("again-" + name);
        run("export", again.toString(), "--db", db("b.db"));
        if (!name.endsWith(".json")) {
            assertThat(Files.readString(again)).isEqualTo(Files.readString(Path.of(file)));
        }
        Run shared = run("--import", file, "--db", db("c.db"), "--shared", "--json");
        assertThat(shared.code()).as(shared.err()).isZero();
        assertThat(shared.json().get("inserted").asInt()).isEqualTo(300);
        Run twice = run("import", file, "--db", db("b.db"));
        assertThat(twice.out()).contains("0 new, 300 already stored, 0 invalid");
        assertThat(count(db("b.db"))).isEqualTo(300);
    }

    @Test
    void badRecordsAreListedWithTheirLinesAndNothingIsStored() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.write(file, List.of(
                "{\"timestamp\":\"2026-11-01T10:00:00Z\",\"prompt\":\"p\",\"output\":\"o\",\"rating\":4}",
                "{\"timestamp\":\"2026-11-01T10:00:00Z\",\"prompt\":\"p\",\"output\":\"o\",\"rating\":\"five\"}",
                "not json",
                "{\"timestamp\":\"2026-11-01T10:00:00Z\",\"prompt\":\"\",\"output\":\"o\",\"rating\":3}"),
                StandardCharsets.UTF_8);
        Run r = run("import", file.toString(), "--db", db("a.db"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(file + ":2: 'rating' must be an integer from 1 to 5, got \"five\"")
                .contains(file + ":3: malformed JSON").contains(file + ":4: 'prompt' must not be empty")
                .contains("Nothing was stored: 3 of 4 records are invalid").doesNotContain(file + ":1:");
        assertThat(count(db("a.db"))).isZero();

        Run json = run("import", file.toString(), "--db", db("a.db"), "--json");
        assertThat(json.code()).isEqualTo(2);
        assertThat(json.json().get("stored").asBoolean()).isFalse();
        assertThat(json.json().get("errors")).extracting(e -> e.get("line").asInt()).containsExactly(2, 3, 4);
        assertThat(json.json().get("errors").get(0).get("message").asText()).contains("five");

        Run skip = run("import", file.toString(), "--db", db("a.db"), "--skip-invalid");
        assertThat(skip.code()).isZero();
        assertThat(skip.out()).contains("1 new").contains("3 invalid and skipped");
        assertThat(count(db("a.db"))).isEqualTo(1);
    }

    @Test
    void specificationStyleFlagsWork() throws IOException {
        assertThat(run("--generate", "--count", "50", "--anchor", ANCHOR, "--db", db("a.db")).code()).isZero();
        assertThat(count(db("a.db"))).isEqualTo(50);
        String file = dir.resolve("x.csv").toString();
        Run export = run("--export", file, "--db", db("a.db"), "--thumbs-up");
        assertThat(export.code()).isZero();
        Run imported = run("--import", file, "--db", db("b.db"), "--json");
        assertThat(imported.code()).isZero();
        long thumbsUp = run("list", "--db", db("a.db"), "--thumbs-up", "--limit", "1000", "--json").json().size();
        assertThat(imported.json().get("inserted").asLong()).isEqualTo(thumbsUp).isBetween(10L, 49L);
    }

    @Test
    void generateIsDeterministicAndWritesFiles() throws IOException {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        assertThat(run("generate", "--count", "100", "--seed", "9", "--anchor", ANCHOR, "--output", a.toString()).code()).isZero();
        assertThat(run("generate", "--count", "100", "--seed", "9", "--anchor", ANCHOR, "--output", b.toString()).code()).isZero();
        assertThat(Files.readAllLines(a)).hasSize(100).isEqualTo(Files.readAllLines(b));
        run("generate", "--count", "100", "--seed", "9", "--anchor", ANCHOR, "--db", db("a.db"));
        Run again = run("generate", "--count", "100", "--seed", "9", "--anchor", ANCHOR, "--db", db("a.db"));
        assertThat(again.out()).contains("(100 were already there)");
        assertThat(count(db("a.db"))).isEqualTo(100);
        JsonNode model = run("generate", "--describe").json();
        assertThat(model.get("feature_effects").get("examples").asDouble()).isPositive();
        assertThat(model.get("vague_effect").asDouble()).isNegative();
    }

    @Test
    void badArgumentsAndUnwritablePathsGetClearErrors() throws IOException {
        Run missing = run("import", dir.resolve("none.jsonl").toString(), "--db", db("a.db"));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        assertThat(dir.resolve("a.db")).doesNotExist();
        Run unknown = run("export", dir.resolve("x.txt").toString(), "--db", db("a.db"), "--json");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.json().get("error").get("message").asText()).contains(".jsonl");
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        Run unwritable = run("export", blocker.resolve("x.jsonl").toString(), "--db", db("a.db"));
        assertThat(unwritable.code()).isEqualTo(1);
        assertThat(unwritable.err()).contains("cannot write");
        assertThat(run("generate", "--count", "-5", "--db", db("a.db")).code()).isEqualTo(2);
        assertThat(run("generate", "--count", "five", "--db", db("a.db")).code()).isEqualTo(2);
    }
}
