package dev.feedbackloop.analysis;

import dev.feedbackloop.analysis.stats.PhraseAnalyzer;
import dev.feedbackloop.analysis.stats.WeightedLogOdds.TermScore;
import dev.feedbackloop.analysis.stats.WeightedLogOdds;
import dev.feedbackloop.capture.Outcome;
import dev.feedbackloop.internal.Parallel;
import dev.feedbackloop.storage.EntryText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Distinctive words and phrases of successful against failed entries, on a uniform sample of the
 * window. The sample is split in two random halves: "Fightin' Words" z-scores on the discovery half
 * pick the phrases; their success rates are then compared on the other half, so the p-values of
 * the phrase findings are not inflated by the selection; they are compared within task types, as
 * groups are (a phrase that only marks a task type, "parse dates" for code, is no finding). Notes are
 * described, never turned into findings (they describe the outcome rather than cause it).
 */
final class PhraseMining {
    /** |z| above which a phrase is listed (two-sided 5% for a single term, as in Monroe et al.). */
    static final double MIN_Z = 1.96;
    static final int LISTED = 10;
    static final int TESTED_PER_DIRECTION = 5;
    static final long MIN_DOCUMENTS = 10;

    record Result(List<Map<String, Object>> positive, List<Map<String, Object>> negative, int sampled) {
    }

    private final PhraseAnalyzer analyzer;
    /** Prior of a tenth of the pooled counts: shrinks rare terms, keeps frequent real differences visible. */
    static final double PRIOR_SCALE = 0.1;
    private final WeightedLogOdds logOdds = new WeightedLogOdds(PRIOR_SCALE);

    PhraseMining(PhraseAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * Mines the entries {@code ids} (a uniform sample in random order), reading their texts through
     * {@code fetch}, and adds the tested prompt phrases to {@code comparisons}. The two halves are
     * read and tokenised in parallel.
     */
    Result mine(List<Long> ids, Function<List<Long>, List<EntryText>> fetch, Comparisons comparisons) {
        List<Long> discoveryIds = new ArrayList<>();
        List<Long> confirmationIds = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            (i % 2 == 0 ? discoveryIds : confirmationIds).add(ids.get(i));
        }
        Corpus prompts = new Corpus();
        Corpus notes = new Corpus();
        List<EntryText> confirmationTexts = new ArrayList<>();
        List<Set<String>> confirmationTerms = new ArrayList<>();
        Parallel.run(() -> {
            for (EntryText t : fetch.apply(discoveryIds)) {
                Outcome outcome = Outcome.of(t.rating(), t.thumbsUp());
                if (outcome != Outcome.NEUTRAL) {
                    prompts.add(analyzer.terms(t.prompt()), outcome);
                    notes.add(analyzer.terms(t.notes()), outcome);
                }
            }
        }, () -> {
            for (EntryText t : fetch.apply(confirmationIds)) {
                confirmationTexts.add(t);
                confirmationTerms.add(analyzer.terms(t.prompt()));
            }
        });
        List<TermScore> promptScores = logOdds.compare(prompts.positive, prompts.negative, MIN_DOCUMENTS);
        List<TermScore> noteScores = logOdds.compare(notes.positive, notes.negative, MIN_DOCUMENTS);
        List<TermScore> promptUp = top(promptScores, true, LISTED);
        List<TermScore> promptDown = top(promptScores, false, LISTED);
        confirm(promptUp, confirmationTerms, confirmationTexts, comparisons);
        confirm(promptDown, confirmationTerms, confirmationTexts, comparisons);
        List<Map<String, Object>> positive = new ArrayList<>();
        List<Map<String, Object>> negative = new ArrayList<>();
        promptUp.forEach(s -> positive.add(pattern(s, "prompt", prompts)));
        top(noteScores, true, LISTED).forEach(s -> positive.add(pattern(s, "notes", notes)));
        promptDown.forEach(s -> negative.add(pattern(s, "prompt", prompts)));
        top(noteScores, false, LISTED).forEach(s -> negative.add(pattern(s, "notes", notes)));
        return new Result(positive, negative, ids.size());
    }

    private static void confirm(List<TermScore> picked, List<Set<String>> terms, List<EntryText> texts,
            Comparisons comparisons) {
        for (int k = 0; k < Math.min(TESTED_PER_DIRECTION, picked.size()); k++) {
            String term = picked.get(k).term();
            Map<String, Tally> with = new HashMap<>();
            Map<String, Tally> without = new HashMap<>();
            for (int i = 0; i < terms.size(); i++) {
                EntryText t = texts.get(i);
                String type = t.taskType() == null ? Strata.UNKNOWN : t.taskType();
                (terms.get(i).contains(term) ? with : without).computeIfAbsent(type, x -> new Tally())
                        .add(t.rating(), Outcome.of(t.rating(), t.thumbsUp()));
            }
            comparisons.versusWithin(Finding.PHRASE, term, with, without);
        }
    }

    /**
     * The most distinctive terms in one direction. Of terms that always occur together (same counts,
     * one containing the other: "legacy", "legacy system") only the longest is listed.
     */
    private static List<TermScore> top(List<TermScore> sortedDescending, boolean positive, int limit) {
        List<TermScore> out = new ArrayList<>();
        int n = sortedDescending.size();
        for (int i = 0; i < n && out.size() < limit; i++) {
            TermScore s = sortedDescending.get(positive ? i : n - 1 - i);
            if (positive ? s.zScore() < MIN_Z : s.zScore() > -MIN_Z) {
                break;
            }
            int same = sameOccurrences(out, s);
            if (same < 0) {
                out.add(s);
            } else if (s.term().length() > out.get(same).term().length()) {
                out.set(same, s);
            }
        }
        return out;
    }

    private static int sameOccurrences(List<TermScore> listed, TermScore s) {
        for (int i = 0; i < listed.size(); i++) {
            if (redundant(listed.get(i), s)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean redundant(TermScore a, TermScore b) {
        return a.countA() == b.countA() && a.countB() == b.countB()
                && (containsWord(a.term(), b.term()) || containsWord(b.term(), a.term()));
    }

    private static boolean containsWord(String phrase, String word) {
        return (" " + phrase + " ").contains(" " + word + " ");
    }

    private static Map<String, Object> pattern(TermScore s, String source, Corpus corpus) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phrase", s.term());
        m.put("source", source);
        m.put("z_score", Math.round(s.zScore() * 100) / 100.0);
        m.put("log_odds_ratio", Math.round(s.delta() * 1000) / 1000.0);
        m.put("positive_entries_with", (int) s.countA());
        m.put("negative_entries_with", (int) s.countB());
        m.put("positive_entries", corpus.positiveDocuments);
        m.put("negative_entries", corpus.negativeDocuments);
        return m;
    }

    /** Document frequencies of terms in positive and negative entries. */
    private static final class Corpus {
        final Map<String, Long> positive = new HashMap<>();
        final Map<String, Long> negative = new HashMap<>();
        int positiveDocuments;
        int negativeDocuments;

        void add(Set<String> terms, Outcome outcome) {
            if (terms.isEmpty()) {
                return;
            }
            boolean up = outcome == Outcome.POSITIVE;
            if (up) {
                positiveDocuments++;
            } else {
                negativeDocuments++;
            }
            Map<String, Long> target = up ? positive : negative;
            for (String term : terms) {
                target.merge(term, 1L, Long::sum);
            }
        }
    }
}
