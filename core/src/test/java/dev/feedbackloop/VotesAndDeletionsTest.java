package dev.feedbackloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.analysis.AnalysisJson;
import dev.feedbackloop.analysis.AnalysisOptions;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.generate.SampleGenerator;
import dev.feedbackloop.reporting.ReportPeriod;
import dev.feedbackloop.routing.RouteOptions;
import dev.feedbackloop.routing.RouterMode;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.FeedbackQuery;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaced votes and deleted entries leave every count, as if they had never been stored: a database
 * that had them (and had built its caches: day rollups, the analysis cache, the router's tallies)
 * answers exactly like one that never had them.
 */
class VotesAndDeletionsTest {
    private static final Instant NOW = Instant.parse("2026-11-27T14:37:25Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("Europe/Paris"));

    @TempDir
    Path dir;

    private static List<FeedbackEntry> sample() {
        List<FeedbackEntry> out = new ArrayList<>();
        new SampleGenerator(new SampleGenerator.Settings(1500, 30, 11, NOW.minusSeconds(60))).forEach(s -> out.add(s.entry()));
        return out;
    }

    /** A vote by rater r on output o at time t; the same (o, r) voted again replaces it. */
    private static FeedbackEntry vote(FeedbackEntry like, int i, int rating, Instant t, String id) {
        return FeedbackEntry.builder(like.prompt(), like.output(), rating).context(like.context())
                .outputId("out-" + i).raterId("rater-" + (i % 7)).timestamp(t).feedbackId(id).build();
    }

    private FeedbackLoop open(Path db) {
        return FeedbackLoop.builder(location(db)).clock(CLOCK).open();
    }

    /** Where the database named {@code db} lives: that SQLite file here; subclasses use other databases. */
    String location(Path db) {
        return db.toString();
    }

    private static void store(FeedbackLoop loop, List<FeedbackEntry> entries) {
        try (BatchWriter w = loop.database().openBatch()) {
            entries.forEach(w::add);
            w.commit();
        }
    }

    /** Everything a user can read off the database, as JSON text. */
    private static List<String> answers(FeedbackLoop loop) {
        List<String> out = new ArrayList<>();
        out.add(FeedbackJson.write(loop.database().statistics(null, null)));
        out.add(FeedbackJson.write(loop.database().statistics(NOW.minus(Duration.ofDays(7)), NOW)));
        out.add(AnalysisJson.write(loop.analyzer().analyze(new AnalysisOptions(30, 5, 30, 0))));
        for (ReportPeriod.Kind kind : ReportPeriod.Kind.values()) {
            out.add(AnalysisJson.write(loop.reporter().generate(ReportPeriod.rolling(kind, CLOCK), 30)));
        }
        out.add(FeedbackJson.write(loop.router().route("Write a python function that parses dates",
                new RouteOptions(RouterMode.LEARNING, 7L)).toMap(true)));
        return out;
    }

    @Test
    void aDatabaseWithReplacedVotesAndDeletionsAnswersLikeOneThatNeverHadThem() {
        List<FeedbackEntry> sample = sample();
        List<FeedbackEntry> firstVotes = new ArrayList<>();
        List<FeedbackEntry> laterVotes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            FeedbackEntry like = sample.get(i * 20);
            firstVotes.add(vote(like, i, 1, like.timestamp(), "first-" + i));
            laterVotes.add(vote(like, i, 5, like.timestamp().plusSeconds(3600), "later-" + i));
        }
        List<String> deleted = new ArrayList<>();
        for (int i = 3; i < sample.size(); i += 37) {
            deleted.add(sample.get(i).feedbackId());
        }

        List<String> had;
        try (FeedbackLoop loop = open(dir.resolve("had.db"))) {
            store(loop, sample);
            store(loop, firstVotes);
            answers(loop); // builds rollups, the analysis cache, the router's tallies
            store(loop, laterVotes.subList(0, 30)); // in a batch
            laterVotes.subList(30, 60).forEach(v -> loop.database().insert(v)); // one by one
            deleted.forEach(loop::delete);
            had = answers(loop);
            assertThat(loop.database().replacedVotes("out-5", "rater-5")).extracting(FeedbackEntry::feedbackId)
                    .containsExactly("first-5");
            assertThat(loop.database().findById("first-5")).isEmpty();
        }
        List<String> never;
        try (FeedbackLoop loop = open(dir.resolve("never.db"))) {
            List<FeedbackEntry> kept = new ArrayList<>(sample);
            kept.removeIf(e -> deleted.contains(e.feedbackId()));
            store(loop, kept);
            store(loop, laterVotes);
            never = answers(loop);
        }
        assertThat(had).hasSize(never.size());
        for (int i = 0; i < had.size(); i++) {
            assertThat(had.get(i)).as("answer " + i).isEqualTo(never.get(i));
        }
    }

    @Test
    void aVoteReplacesTheRatersEarlierVoteOnlyAndAnIdenticalRetryIsANoOp() {
        try (FeedbackLoop loop = open(dir.resolve("v.db"))) {
            FeedbackEntry like = sample().get(0);
            FeedbackEntry a = vote(like, 1, 2, NOW.minusSeconds(100), "a");
            FeedbackEntry otherRater = FeedbackEntry.builder("p", "o", 4).outputId("out-1").raterId("someone-else")
                    .timestamp(NOW.minusSeconds(90)).feedbackId("b").build();
            FeedbackEntry again = vote(like, 1, 5, NOW.minusSeconds(80), "c");
            loop.database().insert(a);
            loop.database().insert(otherRater);
            loop.database().insert(again);
            loop.database().insert(again);
            FeedbackEntry conflicting = vote(like, 1, 1, NOW.minusSeconds(70), "b"); // b's id, c's rater and output
            try (var batch = loop.database().openBatch()) {
                assertThat(batch.addAll(List.of(dev.feedbackloop.storage.EntryRow.of(conflicting))))
                        .containsExactly(dev.feedbackloop.storage.InsertResult.CONFLICT);
                batch.commit();
            }
            assertThat(loop.database().find(FeedbackQuery.ALL)).extracting(FeedbackEntry::feedbackId)
                    .containsExactlyInAnyOrder("b", "c");
            assertThat(loop.database().statistics(null, null).total()).isEqualTo(2);
            assertThat(loop.database().dataVersion().changes()).isEqualTo(1);
        }
    }

    /** A late retry of a vote that was replaced meanwhile changes nothing: the newer vote stays. */
    @Test
    void aLateRetryOfAReplacedVoteDoesNotBringItBack() {
        try (FeedbackLoop loop = open(dir.resolve("r.db"))) {
            FeedbackEntry like = sample().get(0);
            FeedbackEntry first = vote(like, 1, 1, NOW.minusSeconds(100), "f1");
            FeedbackEntry second = vote(like, 1, 5, NOW.minusSeconds(50), "f2");
            loop.database().insert(first);
            loop.database().insert(second);
            assertThat(loop.database().insert(first)).isEqualTo(dev.feedbackloop.storage.InsertResult.UNCHANGED);
            try (var batch = loop.database().openBatch()) {
                assertThat(batch.addAll(List.of(dev.feedbackloop.storage.EntryRow.of(first.withTimestamp(NOW)))))
                        .as("a retry without its time gets the stored one").containsExactly(
                                dev.feedbackloop.storage.InsertResult.UNCHANGED);
                assertThat(batch.addAll(List.of(dev.feedbackloop.storage.EntryRow.of(vote(like, 1, 3, NOW, "f1")))))
                        .containsExactly(dev.feedbackloop.storage.InsertResult.CONFLICT);
                batch.commit();
            }
            assertThat(loop.database().find(FeedbackQuery.ALL)).extracting(FeedbackEntry::feedbackId).containsExactly("f2");
        }
    }

    @Test
    void deletingAnUnknownIdSaysSo() {
        try (FeedbackLoop loop = open(dir.resolve("d.db"))) {
            assertThatThrownBy(() -> loop.delete("nope")).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("nope");
        }
    }
}
