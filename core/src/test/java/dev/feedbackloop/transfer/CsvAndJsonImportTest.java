package dev.feedbackloop.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.capture.FeedbackEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CsvAndJsonImportTest extends ImportTestBase {

    private static Map<Long, String> byLine(ImportResult r) {
        return r.errors().stream().collect(Collectors.toMap(RecordError::line, RecordError::message));
    }

    private Path write(String name, String... parts) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String p : parts) {
            b.writeBytes(p.equals("<bad utf-8>") ? new byte[] {(byte) 0xFF, (byte) 0xFE}
                    : p.getBytes(StandardCharsets.UTF_8));
        }
        return Files.write(dir.resolve(name), b.toByteArray());
    }

    @Test
    void csvRecordsMaySpanLinesAndErrorsNameTheLineWhereARecordStarts() throws IOException {
        Path file = write("f.csv",
                "prompt,rating,timestamp,output,tags,context,thumbs_up,notes,extra\r\n",
                "\"Say \"\"hi\"\",\nthen go\",4,2026-11-01T10:00:00Z,\"out, with comma\",\"[\"\"x\"\"]\",\"{\"\"k\"\":1}\",,,\n",
                "p2,five,2026-11-01T10:00:00Z,o,,,,,\n",
                "\"multi\nline\nprompt\",4.5,2026-11-01T10:00:00Z,o,,,,,\n",
                "p4,3,2026-11-01T10:00:00Z,o,\"[1,2]\",,,,\n",
                "p5,3,2026-11-01T10:00:00Z,o,\"a, b ,a\",\"[1]\",,,\n",
                "p6,3,2026-11-01T10:00:00Z,o,,{oops,,,\n",
                "p7,3,2026-11-01T10:00:00Z,o,,,maybe,,\n",
                ",3,2026-11-01T10:00:00Z,o,,,,,\n",
                "p9,3,2026-11-01T10:00:00Z\n",
                "\n",
                "caf", "<bad utf-8>", ",3,2026-11-01T10:00:00Z,o,,,,,\n",
                "p12,2,2026-11-01T10:00:00Z,o,\"a, b ,a\",,false,a note,ignored\n");
        ImportResult r = importFile(file, true);
        assertThat(byLine(r)).containsOnlyKeys(4L, 5L, 8L, 9L, 10L, 11L, 12L, 13L, 15L)
                .hasEntrySatisfying(4L, m -> assertThat(m).contains("'rating' must be an integer").contains("five"))
                .hasEntrySatisfying(5L, m -> assertThat(m).contains("4.5"))
                .hasEntrySatisfying(8L, m -> assertThat(m).contains("'tags' must contain only strings"))
                .hasEntrySatisfying(9L, m -> assertThat(m).contains("'context' must be a JSON object"))
                .hasEntrySatisfying(10L, m -> assertThat(m).contains("'context' is not valid JSON"))
                .hasEntrySatisfying(11L, m -> assertThat(m).contains("'thumbs_up' must be true or false"))
                .hasEntrySatisfying(12L, m -> assertThat(m).contains("missing field 'prompt'"))
                .hasEntrySatisfying(13L, m -> assertThat(m).contains("has 3 columns, the header has 9"))
                .hasEntrySatisfying(15L, m -> assertThat(m).contains("invalid UTF-8 on line 15").contains("0xFF"));
        assertThat(r.inserted()).isEqualTo(2);
        FeedbackEntry first = store.find(dev.feedbackloop.storage.FeedbackQuery.ALL).stream()
                .filter(e -> e.rating() == 4).findFirst().orElseThrow();
        assertThat(first.prompt()).isEqualTo("Say \"hi\",\nthen go");
        assertThat(first.output()).isEqualTo("out, with comma");
        assertThat(first.tags()).containsExactly("x");
        assertThat(first.context()).containsEntry("k", 1);
        assertThat(first.thumbsUp()).isTrue();
        FeedbackEntry last = store.find(dev.feedbackloop.storage.FeedbackQuery.ALL).stream()
                .filter(e -> e.rating() == 2).findFirst().orElseThrow();
        assertThat(last.tags()).containsExactly("a", "b");
        assertThat(last.thumbsUp()).isFalse();
        assertThat(last.notes()).isEqualTo("a note");
    }

    @Test
    void csvWithoutTheRequiredColumnsOrWithAnUnclosedQuote() throws IOException {
        assertThatThrownBy(() -> importFile(write("h.csv", "prompt,output,rating\np,o,3\n"), false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("[timestamp]");
        Path unclosed = write("q.csv", "prompt,output,rating,timestamp\n", "p,o,3,2026-11-01T10:00:00Z\n",
                "\"open,o,3,2026-11-01T10:00:00Z\n", "p,o,3,2026-11-01T10:00:00Z\n");
        ImportResult r = importFile(unclosed, true);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.message()).startsWith("malformed CSV").contains("rest of the file");
        });
        assertThat(r.inserted()).isEqualTo(1);
    }

    @Test
    void jsonDocumentErrorsNameTheRecordAndItsLine() throws IOException {
        Path file = write("d.json", "{\"exported_at\": \"2026-11-27T10:00:00Z\", \"total_entries\": 4,\n",
                "  \"entries\": [\n",
                "    {\"timestamp\": \"2026-11-01T10:00:00Z\", \"prompt\": \"p\", \"output\": \"o\", \"rating\": 4},\n",
                "    {\"timestamp\": \"2026-11-01T10:00:00Z\", \"prompt\": \"p\",\n     \"output\": \"o\", \"rating\": \"five\"},\n",
                "    \"just text\",\n",
                "    {\"timestamp\": \"2026-11-01T10:00:00Z\", \"prompt\": \"caf", "<bad utf-8>",
                "\", \"output\": \"o\", \"rating\": 4},\n",
                "    {\"timestamp\": \"2026-11-01T10:00:00Z\", \"prompt\": \"p2\", \"output\": \"o\", \"rating\": 5}\n",
                "  ], \"trailing\": {\"ignored\": true}}\n");
        ImportResult r = importFile(file, false);
        assertThat(r.read()).isEqualTo(5);
        assertThat(r.errors()).extracting(RecordError::record).containsExactly(2L, 3L, 4L);
        assertThat(r.errors()).extracting(RecordError::line).containsExactly(4L, 6L, 7L);
        assertThat(r.errors().get(0).message()).contains("five");
        assertThat(r.errors().get(1).message()).contains("expected an entry object").contains("a string");
        assertThat(r.errors().get(2).message()).contains("invalid UTF-8");
        assertThat(store.count()).isZero();
    }

    @Test
    void jsonMayBeABareArrayAndMalformedJsonEndsTheFile() throws IOException {
        String ok = "{\"timestamp\": \"2026-11-01T10:00:00Z\", \"prompt\": \"p\", \"output\": \"o\", \"rating\": 4}";
        assertThat(importFile(write("a.json", "[", ok, "]"), false).inserted()).isEqualTo(1);
        ImportResult broken = importFile(write("b.json", "[", ok.replace("\"p\"", "\"q\""), ",\n{\"prompt\": oops}, ", ok, "]"), true);
        assertThat(broken.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.message()).startsWith("malformed JSON").contains("rest of the file");
        });
        assertThat(broken.inserted()).isEqualTo(1);
        assertThatThrownBy(() -> importFile(write("c.json", "{\"entries\": 3}"), false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("export document");
        assertThat(store.count()).isEqualTo(2);
    }

    @Test
    void exportedCsvReadsBackInAnyColumnOrder() throws IOException {
        Path file = write("o.csv", "notes,rating,output,prompt,timestamp,feedback_id\n",
                ",3,o,p,2026-11-01 10:00:00+02:00,id-1\n");
        importFile(file, false);
        assertThat(store.findById("id-1")).get().satisfies(e -> {
            assertThat(e.timestamp()).hasToString("2026-11-01T08:00:00Z");
            assertThat(e.notes()).isNull();
            assertThat(e.tags()).isEqualTo(List.of());
        });
    }
}
