package dev.feedbackloop.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import dev.feedbackloop.storage.sqlite.SqliteProbe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FeedbackImporterTest extends ImportTestBase {
    static final String GOOD_1 = "{\"feedback_id\":\"g1\",\"timestamp\":\"2026-11-01T10:00:00Z\",\"prompt\":\"p1\","
            + "\"output\":\"o1\",\"rating\":5,\"thumbs_up\":true,\"tags\":[\"a\"],\"context\":{\"framework\":\"few-shot\"},\"notes\":null}";
    static final String GOOD_2 = "{\"feedback_id\":\"g2\",\"timestamp\":\"2026-11-01T11:00:00\",\"prompt\":\"p2\","
            + "\"output\":\"o2\",\"rating\":2}";

    @Override
    ZoneId zone() {
        return ZoneId.of("Europe/Berlin");
    }

    /** A JSON Lines file with a bad record of every kind; returns it. Good lines: 1, 12 (and 9 is blank). */
    private Path badJsonLines() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        List<String> lines = List.of(
                GOOD_1,
                "{\"timestamp\":\"2026-11-01T10:00:00Z\",\"prompt\":\"p\",\"output\":\"o\",\"rating\":\"five\"}",
                "{\"timestamp\":\"2026-11-01T10:00:00Z\",\"prompt\":\"p\",\"output\":\"o\",\"rating\":4.5}",
                "{\"timestamp\":\"2026-11-01T10:00:00Z\",\"prompt\":\"p\",\"output\":\"o\",\"rating\":4,\"tags\":\"a,b\"}",
                "{\"timestamp\":\"2026-11-01T10:00:00Z\",\"output\":\"o\",\"rating\":4}",
                "{\"timestamp\":\"2026-11-01T10:00:00Z\",\"prompt\":\"   \",\"output\":\"o\",\"rating\":4}",
                "{\"timestamp\":\"2026-11-01T10:00:00Z\",\"prompt\":\"p\",\"output\":\"o\",\"rating\":4",
                "{\"timestamp\":\"2026-11-01T10:00:00Z\",\"prompt\":\"p\",\"output\":\"o\",\"rating\":7}",
                "",
                "[1, 2]",
                "{\"timestamp\":\"yesterday\",\"prompt\":\"p\",\"output\":\"o\",\"rating\":3}",
                GOOD_2,
                "{\"timestamp\":\"2026-11-01T10:00:00Z\",\"prompt\":\"p\",\"output\":\"o\",\"rating\":3,\"rating\":4}",
                "{\"timestamp\":\"2026-11-01T10:00:00Z\",\"prompt\":\"p\",\"output\":\"o\"}",
                "{\"timestamp\":\"2026-11-01T10:00:00Z\",\"prompt\":\"p\",\"output\":\"o\",\"rating\":3,\"thumbs_up\":\"yes\"}",
                "{\"feedback_id\":\"g1\",\"timestamp\":\"2026-11-01T10:00:00Z\",\"prompt\":\"other\",\"output\":\"o1\",\"rating\":5}",
                "{\"prompt\":\"p\",\"output\":\"o\",\"rating\":3}");
        for (String line : lines) {
            b.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            b.write('\n');
        }
        b.writeBytes("{\"timestamp\":\"2026-11-01T10:00:00Z\",\"prompt\":\"caf".getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
        b.writeBytes("\",\"output\":\"o\",\"rating\":3}\n".getBytes(StandardCharsets.UTF_8));
        return Files.write(dir.resolve("bad.jsonl"), b.toByteArray());
    }

    @Test
    void reportsEveryBadLineWithItsNumberAndStoresNothing() throws IOException {
        ImportResult r = importFile(badJsonLines(), false);
        assertThat(r.committed()).isFalse();
        assertThat(r.inserted()).isZero();
        assertThat(store.count()).isZero();
        assertThat(r.read()).isEqualTo(17);
        assertThat(r.invalid()).isEqualTo(15);
        assertThat(r.errors().stream().collect(Collectors.toMap(RecordError::line, RecordError::message)))
                .hasSize(15)
                .hasEntrySatisfying(2L, m -> assertThat(m).contains("'rating' must be an integer from 1 to 5").contains("five"))
                .hasEntrySatisfying(3L, m -> assertThat(m).contains("'rating' must be an integer").contains("4.5"))
                .hasEntrySatisfying(4L, m -> assertThat(m).contains("'tags' must be an array"))
                .hasEntrySatisfying(5L, m -> assertThat(m).contains("missing field 'prompt'"))
                .hasEntrySatisfying(6L, m -> assertThat(m).contains("'prompt' must not be empty"))
                .hasEntrySatisfying(7L, m -> assertThat(m).startsWith("malformed JSON"))
                .hasEntrySatisfying(8L, m -> assertThat(m).contains("from 1 to 5, got 7"))
                .hasEntrySatisfying(10L, m -> assertThat(m).contains("expected a JSON object").contains("an array"))
                .hasEntrySatisfying(11L, m -> assertThat(m).contains("not an ISO-8601 timestamp"))
                .hasEntrySatisfying(13L, m -> assertThat(m).contains("'rating' appears more than once"))
                .hasEntrySatisfying(14L, m -> assertThat(m).contains("missing field 'rating'"))
                .hasEntrySatisfying(15L, m -> assertThat(m).contains("'thumbs_up' must be true or false"))
                .hasEntrySatisfying(16L, m -> assertThat(m).contains("g1").contains("different content"))
                .hasEntrySatisfying(17L, m -> assertThat(m).contains("missing field 'timestamp'"))
                .hasEntrySatisfying(18L, m -> assertThat(m).contains("invalid UTF-8").contains("byte 50 of the line").contains("0xC3"));
    }

    @Test
    void skipInvalidStoresTheGoodRecords() throws IOException {
        ImportResult r = importFile(badJsonLines(), true);
        assertThat(r.committed()).isTrue();
        assertThat(r.inserted()).isEqualTo(2);
        assertThat(r.invalid()).isEqualTo(15);
        assertThat(store.findById("g1")).get().extracting(FeedbackEntry::prompt).isEqualTo("p1");
        FeedbackEntry naive = store.findById("g2").orElseThrow();
        assertThat(naive.timestamp()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(naive.thumbsUp()).isFalse();
    }

    @Test
    void aRecordConflictingWithStoredFeedbackIsAnError() throws IOException {
        store.insert(FeedbackEntry.builder("stored prompt", "o1", 5).feedbackId("g1")
                .timestamp(Instant.parse("2026-11-01T10:00:00Z")).build());
        Path file = Files.writeString(dir.resolve("c.jsonl"), GOOD_2 + "\n" + GOOD_1 + "\n");
        ImportResult r = importFile(file, false);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.message()).contains("feedback_id g1 already exists with different content");
        });
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void recordsWithoutIdGetAStableOneSoReimportingChangesNothing() throws IOException {
        String noId = "{\"timestamp\":\"2026-11-01T10:00:00Z\",\"prompt\":\"p\",\"output\":\"o\",\"rating\":3}\n";
        Path file = Files.writeString(dir.resolve("n.jsonl"), noId + noId.replace("\"p\"", "\"q\""));
        assertThat(importFile(file, false).inserted()).isEqualTo(2);
        ImportResult again = importFile(file, false);
        assertThat(again.inserted()).isZero();
        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(store.count()).isEqualTo(2);
        assertThat(store.find(dev.feedbackloop.storage.FeedbackQuery.ALL))
                .allSatisfy(e -> assertThat(e.feedbackId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    }

    @Test
    void aMissingFileOrUnknownFormatIsRefused() {
        assertThatThrownBy(() -> importFile(dir.resolve("nope.jsonl"), false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> importFile(dir.resolve("data.xml"), false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(".jsonl");
    }

    @Test
    void emptyFileImportsNothing() throws IOException {
        ImportResult r = importFile(Files.writeString(dir.resolve("e.jsonl"), "\n\n"), false);
        assertThat(r.read()).isZero();
        assertThat(r.committed()).isTrue();
    }

    @Test
    void progressReachesTheFileSize() throws IOException {
        Path file = Files.writeString(dir.resolve("p.jsonl"), GOOD_1 + "\n" + GOOD_2);
        List<long[]> updates = new ArrayList<>();
        new FeedbackImporter(store).importFile(file, ImportOptions.DEFAULT, (done, total) -> updates.add(new long[] {done, total}));
        assertThat(updates.get(updates.size() - 1)).containsExactly(Files.size(file), Files.size(file));
        assertThat(updates.get(updates.size() - 2)[0]).as("the reader's own count reached the end").isEqualTo(Files.size(file));
        assertThat(store.count()).isEqualTo(2);
    }

    @Test
    void bulkImportHoldsTheDatabaseAloneAndAnOrdinaryOneDoesNot() throws Exception {
        Path file = dir.resolve("many.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            lines.append("{\"feedback_id\":\"m").append(i).append("\",\"timestamp\":\"2026-11-01T10:00:00Z\",")
                    .append("\"prompt\":\"p\",\"output\":\"o\",\"rating\":4}\n");
        }
        Files.writeString(file, lines, StandardCharsets.UTF_8);
        for (boolean bulk : new boolean[] {true, false}) {
            Path db = dir.resolve("bulk-" + bulk + ".db");
            List<Boolean> othersCouldRead = new ArrayList<>();
            try (FeedbackStore s = SqliteFeedbackStore.open(db)) {
                ImportResult r = new FeedbackImporter(s).importFile(file, ImportOptions.DEFAULT.withBulk(bulk),
                        (done, total) -> othersCouldRead.add(SqliteProbe.canRead(db)));
                assertThat(r.inserted()).isEqualTo(3_000);
            }
            assertThat(othersCouldRead).as("bulk=%s", bulk).isNotEmpty().containsOnly(!bulk);
            assertThat(SqliteProbe.canRead(db)).isTrue();
        }
    }
}
