package dev.feedbackloop.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.ConflictException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.capture.PromptFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every storage scenario, written once; one subclass per database. */
public abstract class FeedbackStoreContract {
    protected static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    protected FeedbackStore store;

    protected abstract FeedbackStore newStore();

    @BeforeEach
    void open() {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    protected static FeedbackEntry entry(String id, int rating, Boolean thumbs, Instant at, String... tags) {
        return FeedbackEntry.builder("Prompt " + id + ": explain it step by step", "output " + id, rating)
                .thumbsUp(thumbs).tags(tags).timestamp(at).framework("chain-of-thought").model("claude-sonnet-4")
                .feedbackId(id).notes(rating <= 2 ? "too vague" : null).build();
    }

    @Test
    void insertedEntryReadsBackIdentically() {
        FeedbackEntry e = FeedbackEntry.builder("Explain quantum computing", "Quantum computing uses qubits", 5)
                .thumbsUp(true).tags("technical", "explanation").framework("chain-of-thought")
                .model("claude-sonnet-4").context(Map.of("confidence", 0.85, "nested", Map.of("k", List.of(1, 2))))
                .notes("great").timestamp(Instant.parse("2026-11-01T08:30:15.123456Z")).build();

        assertThat(store.insert(e)).isEqualTo(InsertResult.INSERTED);

        FeedbackEntry back = store.findById(e.feedbackId()).orElseThrow();
        assertThat(back.sameContentAs(e)).isTrue();
        assertThat(back.context()).containsEntry("framework", "chain-of-thought").containsEntry("confidence", 0.85);
        assertThat(back.tags()).containsExactly("technical", "explanation");
    }

    @Test
    void recapturingSameContentIsANoOpAndDifferentContentConflicts() {
        FeedbackEntry e = entry("a1", 4, true, T0);
        store.insert(e);

        assertThat(store.insert(e)).isEqualTo(InsertResult.UNCHANGED);
        assertThat(store.count()).isEqualTo(1);
        FeedbackEntry changed = entry("a1", 2, false, T0);
        assertThatThrownBy(() -> store.insert(changed)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("a1");
        assertThat(store.findById("a1").orElseThrow().rating()).isEqualTo(4);
    }

    @Test
    void findFiltersByRangeRatingThumbsAndTagsBeforeLimit() {
        for (int i = 0; i < 10; i++) {
            store.insert(entry("e" + i, 1 + i % 5, i % 2 == 0, T0.plusSeconds(3600L * i), i == 1 ? "rare" : "common"));
        }

        assertThat(store.find(FeedbackQuery.ALL)).hasSize(10);
        assertThat(store.find(FeedbackQuery.ALL.withLimit(3))).extracting(FeedbackEntry::feedbackId)
                .containsExactly("e9", "e8", "e7");
        assertThat(store.find(FeedbackQuery.between(T0.plusSeconds(3600), T0.plusSeconds(3 * 3600))))
                .extracting(FeedbackEntry::feedbackId).containsExactly("e2", "e1");
        assertThat(store.find(new FeedbackQuery(null, null, 4, 5, null, null, null)))
                .allMatch(e -> e.rating() >= 4).hasSize(4);
        assertThat(store.find(new FeedbackQuery(null, null, null, null, false, null, null)))
                .allMatch(e -> !e.thumbsUp()).hasSize(5);
        // the only "rare" entry is old: a limit applied before the tag filter would miss it
        assertThat(store.find(new FeedbackQuery(null, null, null, null, null, List.of("rare"), 1)))
                .extracting(FeedbackEntry::feedbackId).containsExactly("e1");
    }

    @Test
    void statisticsUseTheOneSuccessDefinition() {
        store.insert(entry("p1", 5, true, T0));      // positive
        store.insert(entry("p2", 4, true, T0));      // positive
        store.insert(entry("n1", 4, false, T0));     // negative: thumbs down
        store.insert(entry("n2", 2, true, T0));      // negative: rating 2
        store.insert(entry("u1", 3, true, T0));      // neutral
        store.insert(entry("late", 5, true, T0.plusSeconds(86400)));

        Statistics st = store.statistics(T0, T0.plusSeconds(3600));

        assertThat(st.total()).isEqualTo(5);
        assertThat(st.positive()).isEqualTo(2);
        assertThat(st.negative()).isEqualTo(2);
        assertThat(st.neutral()).isEqualTo(1);
        assertThat(st.successRate()).isEqualTo(0.4);
        assertThat(st.avgRating()).isEqualTo(3.6);
        assertThat(st.ratingDistribution()).containsEntry(4, 2L).containsEntry(1, 0L);
    }

    @Test
    void scanReturnsNarrowRowsInTimeOrderWithinHalfOpenBounds() {
        Instant micros = T0.plusSeconds(10).plusNanos(123_457_000);   // the stored precision, exactly
        store.insert(entry("s1", 5, true, micros, "x", "y, \"z\" {\\}", "NULL", "é 😀"));
        store.insert(entry("s0", 1, false, T0));
        store.insert(entry("s2", 3, true, T0.plusSeconds(20)));

        List<AnalysisRow> rows = new ArrayList<>();
        store.scan(T0, T0.plusSeconds(20), rows::add);

        assertThat(rows).extracting(AnalysisRow::timestamp).containsExactly(T0, micros);
        assertThat(rows.get(0).tags()).isEmpty();
        AnalysisRow r = rows.get(1);
        assertThat(r.tags()).containsExactly("x", "y, \"z\" {\\}", "NULL", "é 😀");
        assertThat(r.framework()).isEqualTo("chain-of-thought");
        assertThat(r.model()).isEqualTo("claude-sonnet-4");
        assertThat(PromptFeature.STEPS.in(r.features())).isTrue();
        assertThat(store.texts(List.of(r.id(), 999_999L))).singleElement()
                .satisfies(t -> assertThat(t.prompt()).startsWith("Prompt s1"));
    }


    @Test
    void scanReadsTimesBeforeTwoThousandAndAfterExactly() {
        Instant early = Instant.parse("1999-12-31T23:59:59.999999Z");   // before PostgreSQL's own epoch
        Instant late = Instant.parse("2099-06-30T12:00:00.000001Z");
        store.insert(entry("e1", 4, true, early));
        store.insert(entry("e2", 2, false, late));
        List<AnalysisRow> rows = new ArrayList<>();
        store.scan(Instant.parse("1990-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"), rows::add);
        assertThat(rows).extracting(AnalysisRow::timestamp).containsExactly(early, late);
    }
    @Test
    void batchCommitsAllOrNothing() {
        try (BatchWriter w = store.openBatch()) {
            w.add(entry("b1", 5, true, T0));
            w.add(entry("b2", 4, true, T0));
        }
        assertThat(store.count()).isZero();

        try (BatchWriter w = store.openBatch()) {
            w.add(entry("b1", 5, true, T0));
            w.add(entry("b2", 4, true, T0));
            w.commit();
        }
        assertThat(store.count()).isEqualTo(2);
    }

    @Test
    void routedFeedbackIsAttributedAndStreamedIncrementally() {
        FeedbackEntry routed = FeedbackEntry.builder("Calculate the derivative of x^2", "2x", 5).thumbsUp(true)
                .routing(Map.of("task_type", "math", "primary_framework", "chain-of-thought",
                        "model_recommendation", "claude-sonnet-4", "confidence", 0.8))
                .timestamp(T0).build();
        store.insert(entry("unrouted", 5, true, T0));
        store.insert(routed);

        long version = store.dataVersion().maxId();
        List<OutcomeRow> rows = new ArrayList<>();
        store.outcomesAfter(0, version, rows::add);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.taskType()).isEqualTo("math");
            assertThat(r.framework()).isEqualTo("chain-of-thought");
            assertThat(r.positive()).isTrue();
        });
        List<OutcomeRow> after = new ArrayList<>();
        store.outcomesAfter(rows.get(0).id(), version, after::add);
        assertThat(after).isEmpty();
        store.outcomesAfter(0, rows.get(0).id() - 1, after::add);
        assertThat(after).as("nothing above the version given").isEmpty();
    }

    @Test
    void cacheIsValidOnlyForTheDataVersionItWasComputedFrom() {
        store.insert(entry("c1", 5, true, T0));
        DataVersion v1 = store.dataVersion();
        store.putCache("analysis:7:5", v1, "{\"x\":1}");

        assertThat(store.cached("analysis:7:5", v1)).contains("{\"x\":1}");
        store.insert(entry("c2", 5, true, T0));
        DataVersion v2 = store.dataVersion();
        assertThat(v2).isNotEqualTo(v1);
        assertThat(store.cached("analysis:7:5", v2)).isEmpty();
        store.putCache("analysis:7:5", v2, "{\"x\":2}");
        assertThat(store.cached("analysis:7:5", v2)).contains("{\"x\":2}");
    }

    /** A clock moved by hand. */
    private static final class HandClock extends java.time.Clock {
        java.time.Instant now = T0;

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void signInsAreStoredHashedTouchedAtMostOnceAMinuteAndEndByTimeOrSignOut() {
        HandClock clock = new HandClock();
        dev.feedbackloop.access.SignIns signIns = new dev.feedbackloop.access.SignIns(store, clock);
        var opened = signIns.open("dashboard");
        var other = signIns.open("ops");
        assertThat(opened.signIn().idHash()).hasSize(64).isNotEqualTo(opened.secret());
        assertThat(store.session(opened.secret())).as("stored by hash only").isEmpty();
        assertThat(store.session(opened.signIn().idHash())).contains(opened.signIn());
        assertThat(opened.signIn().expires()).isEqualTo(T0.plus(dev.feedbackloop.access.SignIns.IDLE));

        clock.now = T0.plusSeconds(30);
        assertThat(signIns.find(opened.secret())).hasValueSatisfying(s -> assertThat(s.lastUsed()).isEqualTo(T0));
        assertThat(store.session(opened.signIn().idHash()).orElseThrow().lastUsed()).as("no write within a minute")
                .isEqualTo(T0);
        clock.now = T0.plusSeconds(61);
        signIns.find(opened.secret());
        assertThat(store.session(opened.signIn().idHash()).orElseThrow()).satisfies(s -> {
            assertThat(s.lastUsed()).isEqualTo(T0.plusSeconds(61));
            assertThat(s.expires()).isEqualTo(T0.plusSeconds(61).plus(dev.feedbackloop.access.SignIns.IDLE));
        });

        // idle: 'ops' was never used again and ends 8 hours after its sign-in; its row goes at the next sign-in
        clock.now = T0.plus(dev.feedbackloop.access.SignIns.IDLE);
        assertThat(signIns.find(other.secret())).isEmpty();
        assertThat(signIns.find(opened.secret())).isPresent();
        var third = signIns.open("ops");
        assertThat(store.session(other.signIn().idHash())).isEmpty();

        // used all day long, a sign-in still ends 24 hours after it began
        for (int h = 9; h <= 23; h++) {
            clock.now = T0.plus(java.time.Duration.ofHours(h));
            assertThat(signIns.find(opened.secret())).as("hour %d", h).isPresent();
        }
        clock.now = T0.plus(dev.feedbackloop.access.SignIns.MAX_AGE);
        assertThat(signIns.find(opened.secret())).isEmpty();
        assertThat(store.session(opened.signIn().idHash())).as("an expired row found is removed").isEmpty();

        signIns.close(third.secret());
        assertThat(signIns.find(third.secret())).isEmpty();
        var fourth = signIns.open("dashboard");
        signIns.closeAll("dashboard");
        assertThat(signIns.find(fourth.secret())).isEmpty();
        assertThat(signIns.find("not-an-id")).isEmpty();
        assertThat(signIns.find(null)).isEmpty();
    }
}
