package dev.feedbackloop.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.FeedbackLoopException;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.generate.SampleGenerator;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.FeedbackQuery;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransferRoundTripTest {
    private static final Instant ANCHOR = Instant.parse("2026-11-27T14:37:25Z");

    @TempDir
    Path dir;

    /** Generated entries plus the awkward ones: quotes, commas, line breaks, CRLF, Unicode, nesting. */
    static List<FeedbackEntry> entries() {
        List<FeedbackEntry> out = new ArrayList<>();
        new SampleGenerator(new SampleGenerator.Settings(300, 30, 5, ANCHOR)).forEach(s -> out.add(s.entry()));
        out.add(FeedbackEntry.builder("Say \"hi\", then\nleave; a,b\r\nc", "Ok, \"quoted\"\n\n  indented ", 2)
                .timestamp(ANCHOR.minusSeconds(5)).tags("a,b", "quote\"d", "日本")
                .context(Map.of("framework", "few-shot", "nested", Map.of("list", List.of(1, 2.5, "x", true)),
                        "nothing", "")).notes("line one\nline two, with comma").build());
        out.add(FeedbackEntry.builder(" leading and trailing spaces ", "😀 emoji — dash", 5).thumbsUp(false)
                .timestamp(ANCHOR.minusSeconds(3)).feedbackId("custom-id-1").build());
        out.addAll(FORMULAS);
        return out;
    }

    /** Texts a spreadsheet would run as formulas, and texts that start with an apostrophe already. */
    static final List<FeedbackEntry> FORMULAS = List.of(
            FeedbackEntry.builder("=HYPERLINK(\"http://evil.example\",\"click\")", "+1+2", 1)
                    .timestamp(ANCHOR.minusSeconds(2)).notes("@SUM(A1:A9)").feedbackId("-formula-id").build(),
            FeedbackEntry.builder("\tcmd|' /C calc'!A0", "\r=1", 2).timestamp(ANCHOR.minusSeconds(1))
                    .notes("'=already quoted").build(),
            FeedbackEntry.builder("'plain apostrophe", "''", 3).timestamp(ANCHOR).notes("-").build());
    private static final int TOTAL = 300 + 2 + 3;

    private FeedbackStore store(String name, List<FeedbackEntry> entries) {
        FeedbackStore s = SqliteFeedbackStore.open(dir.resolve(name));
        try (BatchWriter b = s.openBatch()) {
            entries.forEach(b::add);
            b.commit();
        }
        return s;
    }

    private static List<FeedbackEntry> all(FeedbackStore s) {
        List<FeedbackEntry> out = new ArrayList<>();
        s.forEach(FeedbackQuery.ALL, out::add);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"out.jsonl", "out.csv", "out.json"})
    void exportThenImportIntoAFreshDatabaseGivesIdenticalEntries(String name) {
        Path file = dir.resolve(name);
        try (FeedbackStore source = store("a.db", entries()); FeedbackStore target = SqliteFeedbackStore.open(dir.resolve("b.db"))) {
            var exported = new FeedbackExporter(source).export(file, FeedbackQuery.ALL, Progress.NONE);
            assertThat(exported.entries()).isEqualTo(TOTAL);
            ImportResult r = new FeedbackImporter(target).importFile(file, ImportOptions.DEFAULT, Progress.NONE);
            assertThat(r.errors()).isEmpty();
            assertThat(r.inserted()).isEqualTo(TOTAL);
            assertThat(all(target)).isEqualTo(all(source));

            ImportResult again = new FeedbackImporter(target).importFile(file, ImportOptions.DEFAULT, Progress.NONE);
            assertThat(again.inserted()).isZero();
            assertThat(again.unchanged()).isEqualTo(TOTAL);
            assertThat(target.count()).isEqualTo(TOTAL);
        }
        assertThat(dir.toFile().list()).noneMatch(n -> n.endsWith(".partial"));
    }

    /** No cell of a default CSV export starts a formula; a raw export writes them as they are; both read back. */
    @ParameterizedTest
    @ValueSource(strings = {"SPREADSHEET_SAFE", "RAW"})
    void csvFormulasAreNeutralisedByDefaultAndBothKindsReadBackExactly(String kind) throws IOException {
        CsvCells cells = CsvCells.valueOf(kind);
        Path file = dir.resolve("formulas.csv");
        try (FeedbackStore source = store("a.db", FORMULAS); FeedbackStore target = SqliteFeedbackStore.open(dir.resolve("b.db"))) {
            new FeedbackExporter(source).export(file, FeedbackQuery.ALL, cells, Progress.NONE);
            List<String> cellTexts = new ArrayList<>();
            try (var parser = org.apache.commons.csv.CSVFormat.RFC4180.parse(Files.newBufferedReader(file))) {
                parser.forEach(r -> r.forEach(cellTexts::add));
            }
            if (cells == CsvCells.SPREADSHEET_SAFE) {
                assertThat(cellTexts).noneMatch(c -> !c.isEmpty() && "=+-@\t\r".indexOf(c.charAt(0)) >= 0);
                assertThat(cellTexts).contains("'=HYPERLINK(\"http://evil.example\",\"click\")", "'@SUM(A1:A9)",
                        "'-formula-id", "''=already quoted", "''plain apostrophe", "'''", "'-");
            } else {
                assertThat(cellTexts).contains("=HYPERLINK(\"http://evil.example\",\"click\")", "'=already quoted");
            }
            ImportResult r = new FeedbackImporter(target).importFile(file, ImportOptions.DEFAULT.withCsvCells(cells),
                    Progress.NONE);
            assertThat(r.errors()).isEmpty();
            assertThat(all(target)).isEqualTo(all(source));
        }
    }

    @Test
    void jsonExportIsTheSpecificationsDocument() throws IOException {
        Path file = dir.resolve("export.json");
        try (FeedbackStore source = store("a.db", entries())) {
            new FeedbackExporter(source).export(file, FeedbackQuery.ALL, Progress.NONE);
        }
        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        assertThat(doc.get("total_entries").asInt()).isEqualTo(TOTAL);
        assertThat(doc.get("entries")).hasSize(TOTAL);
        assertThat(Instant.parse(doc.get("exported_at").asText())).isAfter(ANCHOR.minusSeconds(86_400 * 365));
        assertThat(doc.get("entries").get(0).get("rating").isInt()).isTrue();
        List<String> fields = new ArrayList<>();
        doc.get("entries").get(0).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("feedback_id", "timestamp", "prompt", "output", "rating", "thumbs_up",
                "tags", "context", "notes");
    }

    @Test
    void exportAppliesFiltersOldestFirst() throws IOException {
        Path file = dir.resolve("good.jsonl");
        List<FeedbackEntry> entries = entries();
        try (FeedbackStore source = store("a.db", entries)) {
            FeedbackQuery good = new FeedbackQuery(ANCHOR.minusSeconds(86_400 * 10), null, 4, null, null, null, null);
            var r = new FeedbackExporter(source).export(file, good, Progress.NONE);
            long expected = entries.stream().filter(e -> e.rating() >= 4
                    && !e.timestamp().isBefore(ANCHOR.minusSeconds(86_400 * 10))).count();
            assertThat(r.entries()).isEqualTo(expected).isPositive();
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize((int) lines.stream().filter(l -> l.contains("\"rating\":4") || l.contains("\"rating\":5")).count());
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort((a, b) -> a.substring(a.indexOf("\"timestamp\"")).compareTo(b.substring(b.indexOf("\"timestamp\""))));
        assertThat(lines).isEqualTo(sorted);
    }

    @Test
    void aFailedExportLeavesTheEarlierFileAlone() throws IOException {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        try (FeedbackStore source = store("a.db", entries())) {
            assertThatThrownBy(() -> new FeedbackExporter(source).export(blocker.resolve("x.jsonl"), FeedbackQuery.ALL,
                    Progress.NONE)).isInstanceOf(FeedbackLoopException.class).hasMessageContaining("cannot write");
            assertThatThrownBy(() -> new FeedbackExporter(source).export(dir.resolve("x.txt"), FeedbackQuery.ALL,
                    Progress.NONE)).isInstanceOf(InvalidInputException.class).hasMessageContaining(".jsonl");
            Path existing = Files.writeString(dir.resolve("old.csv"), "keep me");
            assertThatThrownBy(() -> new FeedbackExporter(source).export(existing, FeedbackQuery.ALL, (done, total) -> {
                throw new IllegalStateException("disk full");
            })).hasMessage("disk full");
            assertThat(Files.readString(existing)).isEqualTo("keep me");
        }
        assertThat(dir.toFile().list()).noneMatch(n -> n.endsWith(".partial"));
    }
}
