package dev.feedbackloop.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.reporting.ImprovementReport;
import dev.feedbackloop.reporting.ReportPeriod;
import dev.feedbackloop.reporting.Reporter;
import dev.feedbackloop.storage.AnalysisRow;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import dev.feedbackloop.suggestions.Evidence;
import dev.feedbackloop.suggestions.RuleBasedSource;
import dev.feedbackloop.suggestions.Suggestion;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's example end to end, on a real SQLite file: 6,000 entries where few-shot and
 * chain-of-thought are equally good within each task type, but few-shot serves code (85%), which
 * succeeds more often, and chain-of-thought serves writing. Half the entries name their task type
 * (routed), the other half are typed by the router's classifier from their prompts.
 */
class TaskTypedAnalysisTest {
    static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
    static final String[] CODE = {"Write a Python function that reverses a list",
        "Implement a Java method to parse dates", "Fix the bug in this SQL query please"};
    static final String[] WRITING = {"Write a blog post about gardening in spring for beginners who have a small"
            + " balcony and little time, in a warm and friendly tone",
        "Draft a newsletter article on our new office opening next month, with a headline and three short"
            + " paragraphs for customers and partners"};

    @TempDir
    Path dir;
    dev.feedbackloop.storage.FeedbackStore store;

    @BeforeEach
    void open() {
        store = openStore();
    }

    /** The store the scenarios run on; the PostgreSQL subclass gives its own. */
    dev.feedbackloop.storage.FeedbackStore openStore() {
        return SqliteFeedbackStore.open(dir.resolve("feedback.db"));
    }

    /** Empties every stored {@code task_class}, as in a database written before entries were typed on write. */
    void forgetTaskClasses() throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("feedback.db"));
             java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE feedback SET task_class = NULL");
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    static List<FeedbackEntry> issueExample(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        List<FeedbackEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean fewShot = i % 2 == 0;
            boolean code = r.nextDouble() < (fewShot ? 0.85 : 0.15);
            boolean success = r.nextDouble() < (code ? 0.8 : 0.4);
            String prompt = code ? CODE[r.nextInt(CODE.length)] : WRITING[r.nextInt(WRITING.length)];
            FeedbackEntry.Builder b = FeedbackEntry.builder(prompt, "output " + i, success ? 5 : 1)
                    .thumbsUp(success)
                    .timestamp(NOW.minus(Duration.ofMinutes(5L * (i + 1))))
                    .contextValue("framework", fewShot ? "few-shot" : "chain-of-thought");
            if (i % 4 < 2) {
                b.contextValue("task_type", code ? "code" : "content");
            }
            out.add(b.build());
        }
        return out;
    }

    private void insert(List<FeedbackEntry> entries) {
        try (BatchWriter w = store.openBatch()) {
            entries.forEach(w::add);
            w.commit();
        }
    }

    @Test
    void theIssuesExampleGivesNoFrameworkFindingAndNoSwitch() {
        insert(issueExample(11, 6000));

        PatternAnalysis a = new Analyzer(store, Clock.fixed(NOW, ZoneOffset.UTC)).analyze(30, 10);

        assertThat(a.taskTypes()).containsOnlyKeys("code", "content");
        assertThat(a.taskTypes().values().stream().mapToLong(TaskTypeCount::count).sum()).isEqualTo(6000);
        assertThat(a.taskTypes().values().stream().mapToLong(TaskTypeCount::classified).sum()).isEqualTo(3000);
        Finding fewShot = a.findings().stream().filter(f -> f.name().equals("few-shot") && f.taskType() == null)
                .findFirst().orElseThrow();
        assertThat(fewShot.raw().significant()).isTrue();
        assertThat(fewShot.raw().effect()).isGreaterThan(0.2);
        assertThat(fewShot.significant()).isFalse();
        assertThat(fewShot.note()).startsWith("looks better only because it is used for easier tasks");
        // nor are the phrases that only mark a task type ("parse dates" for code)
        assertThat(a.findings()).noneMatch(Finding::significant);
        assertThat(a.findings()).filteredOn(f -> f.kind().equals(Finding.PHRASE)).isNotEmpty()
                .anyMatch(f -> f.raw().significant());
        assertThat(a.recommendations()).noneMatch(t -> t.contains("framework") || t.contains("Prompts of"));
        // the peer-format table keeps its meaning: raw rates per framework
        assertThat(a.frameworkPerformance().get("few-shot").successRate())
                .isGreaterThan(a.frameworkPerformance().get("chain-of-thought").successRate() + 0.2);

        String json = AnalysisJson.write(a);
        assertThat(json).contains("\"interaction_p_value\":", "\"raw\":{\"effect\":", "\"task_types\":{\"co");
        assertThat(AnalysisJson.readAnalysis(json)).isEqualTo(a);

        List<Suggestion> suggestions = new RuleBasedSource().suggest(new Evidence(a, null, List.of(), List.of()), 10).value();
        assertThat(suggestions).extracting(Suggestion::technique)
                .noneMatch(t -> t.startsWith("Switch") || t.contains("few-shot") || t.startsWith("Write prompts of"));
    }

    @Test
    void theMonthlyReportNamesNoFrameworkAsTopPerformerOrProblem() {
        insert(issueExample(13, 6000));

        ImprovementReport r = new Reporter(store, Clock.fixed(NOW, ZoneOffset.UTC))
                .generate(new Reporter(store, Clock.fixed(NOW, ZoneOffset.UTC)).rolling(ReportPeriod.Kind.MONTHLY),
                        AnalysisOptions.DEFAULT_MIN_SUPPORT);

        assertThat(r.totalPrompts()).isEqualTo(6000);
        assertThat(r.topPerformers()).noneMatch(g -> g.kind().equals(Finding.FRAMEWORK));
        assertThat(r.problemAreas()).noneMatch(g -> g.kind().equals(Finding.FRAMEWORK));
        assertThat(r.actionItems()).noneMatch(t -> t.contains("framework"));
        Finding fewShot = r.findings().stream().filter(f -> f.name().equals("few-shot")).findFirst().orElseThrow();
        assertThat(fewShot.raw().significant()).isTrue();
        assertThat(fewShot.significant()).isFalse();
        // the second report reads the day rollups, which keep the task types
        ImprovementReport again = new Reporter(store, Clock.fixed(NOW, ZoneOffset.UTC))
                .generate(new Reporter(store, Clock.fixed(NOW, ZoneOffset.UTC)).rolling(ReportPeriod.Kind.MONTHLY),
                        AnalysisOptions.DEFAULT_MIN_SUPPORT);
        assertThat(again.findings()).isEqualTo(r.findings());
    }

    @Test
    void oppositeEffectsAreRankedPerTaskTypeInReports() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<FeedbackEntry> entries = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            boolean fewShot = i % 2 == 0;
            boolean code = rnd.nextBoolean();
            double p = (code ? 0.6 : 0.5) + (fewShot ? 1 : -1) * (code ? 0.1 : -0.1);
            boolean success = rnd.nextDouble() < p;
            entries.add(FeedbackEntry.builder(code ? CODE[0] : WRITING[0], "o" + i, success ? 5 : 1).thumbsUp(success)
                    .timestamp(NOW.minus(Duration.ofMinutes(5L * (i + 1))))
                    .contextValue("framework", fewShot ? "few-shot" : "chain-of-thought").build());
        }
        insert(entries);

        ImprovementReport r = new Reporter(store, Clock.fixed(NOW, ZoneOffset.UTC))
                .generate(new Reporter(store, Clock.fixed(NOW, ZoneOffset.UTC)).rolling(ReportPeriod.Kind.MONTHLY),
                        AnalysisOptions.DEFAULT_MIN_SUPPORT);

        assertThat(r.topPerformers()).extracting(ImprovementReport.RankedGroup::label)
                .contains("few-shot on code tasks", "chain-of-thought on content tasks")
                .doesNotContain("few-shot", "chain-of-thought");
        assertThat(r.problemAreas()).extracting(ImprovementReport.RankedGroup::label)
                .contains("few-shot on content tasks", "chain-of-thought on code tasks");
        assertThat(r.actionItems()).anyMatch(t -> t.startsWith("For code tasks, framework 'few-shot' does"));
    }

    @Test
    void entriesWithoutATaskTypeAreTypedWhenWrittenInBatchesAndByTheFirstAnalysisOtherwise() {
        List<FeedbackEntry> entries = issueExample(13, 40);
        insert(entries.subList(0, 20));
        entries.subList(20, 40).forEach(store::insert);

        List<AnalysisRow> rows = new ArrayList<>();
        store.scan(NOW.minus(Duration.ofDays(30)), NOW, rows::add);
        assertThat(rows).hasSize(40);
        assertThat(rows).filteredOn(r -> r.taskType() != null).hasSize(20).allMatch(r -> r.taskClass() == null);
        // in time order: the older half are the single inserts, the newer half the batch
        assertThat(rows.subList(0, 20)).filteredOn(r -> r.taskType() == null).hasSize(10)
                .allMatch(r -> r.taskClass() == null);
        assertThat(rows.subList(20, 40)).filteredOn(r -> r.taskType() == null).hasSize(10)
                .allMatch(r -> r.taskClass().equals(r.promptChars() < 60 ? "code" : "content"));

        new Analyzer(store, Clock.fixed(NOW, ZoneOffset.UTC)).analyze(30, 10);
        List<AnalysisRow> after = new ArrayList<>();
        store.scan(NOW.minus(Duration.ofDays(30)), NOW, after::add);
        assertThat(after).filteredOn(r -> r.taskType() == null).hasSize(20)
                .allMatch(r -> r.taskClass().equals(r.promptChars() < 60 ? "code" : "content"));
    }

    @Test
    void classificationsAreKeptSoTheNextAnalysisReadsThem() throws java.sql.SQLException {
        insert(issueExample(12, 400));
        forgetTaskClasses();
        List<AnalysisRow> before = new ArrayList<>();
        store.scan(NOW.minus(Duration.ofDays(30)), NOW, before::add);
        assertThat(before).filteredOn(r -> r.effectiveTaskType() == null).hasSize(200);
        new Analyzer(store, Clock.fixed(NOW, ZoneOffset.UTC)).analyze(30, 10);

        List<AnalysisRow> rows = new ArrayList<>();
        store.scan(NOW.minus(Duration.ofDays(30)), NOW, rows::add);
        assertThat(rows).hasSize(400).allMatch(r -> r.effectiveTaskType() != null);
        assertThat(rows).filteredOn(r -> r.taskType() == null).hasSize(200)
                .allMatch(r -> r.taskClass().equals(r.promptChars() < 60 ? "code" : "content"));
    }

    @Test
    void typingManyEntriesOnceIsNotedForPeopleWaiting() throws java.sql.SQLException {
        insert(issueExample(14, 2 * TaskTyping.NOTED));
        forgetTaskClasses();
        List<String> notes = new ArrayList<>();
        Analyzer analyzer = new Analyzer(store, Clock.fixed(NOW, ZoneOffset.UTC), notes::add);

        analyzer.analyze(AnalysisOptions.of(365, 10));
        new Analyzer(store, Clock.fixed(NOW, ZoneOffset.UTC), notes::add).analyze(AnalysisOptions.of(365, 11));

        assertThat(notes).containsExactly("typing 10,000 entries stored without a task class, once"
                + " (entries written from now on are typed when written)");
    }
}
