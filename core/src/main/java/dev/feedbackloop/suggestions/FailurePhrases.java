package dev.feedbackloop.suggestions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words and phrases an analysis found distinctive of failed entries (its
 * {@code common_negative_patterns}), cut down to distinct ones: of phrases found in exactly the same
 * number of failed and successful entries (usually the same entries: "partially", "helpful",
 * "partially helpful") only the longest is kept, and a phrase inside a kept one is dropped.
 */
final class FailurePhrases {
    private FailurePhrases() {
    }

    /**
     * One distinctive phrase.
     *
     * @param source     "prompt" or "notes" (where it was found); null when the analysis did not say
     * @param z          weighted log-odds z-score (negative = typical of failures); NaN when unknown
     * @param failed     failed entries containing it; -1 when unknown
     * @param successful successful entries containing it; -1 when unknown
     */
    record Phrase(String text, String source, double z, long failed, long successful) {
        boolean inNotes() {
            return "notes".equals(source);
        }

        String evidence() {
            String where = inNotes() ? "the notes of " : "";
            String counts = failed >= 0 && successful >= 0
                    ? "appears in " + where + failed + " failed and " + successful + " successful entries"
                    : "is typical of failed entries";
            return "\"" + text + "\" " + counts + (Double.isNaN(z) ? "" : String.format(Locale.ROOT, " (z = %.2f", z)
                    + ", a screening score, not corrected for testing many phrases)");
        }
    }

    /** At most {@code max} distinct phrases, most distinctive first. */
    static List<Phrase> distinct(List<Map<String, Object>> negativePatterns, int max) {
        if (negativePatterns == null) {
            return List.of();
        }
        List<Phrase> all = new ArrayList<>();
        for (Map<String, Object> m : negativePatterns) {
            Object text = m.containsKey("phrase") ? m.get("phrase") : m.get("pattern");
            if (text instanceof String s && !s.isBlank()) {
                all.add(new Phrase(s.strip(), m.get("source") instanceof String src ? src : null,
                        number(m.get("z_score"), Double.NaN), (long) number(m.get("negative_entries_with"), -1),
                        (long) number(m.get("positive_entries_with"), -1)));
            }
        }
        all.sort(Comparator.comparingDouble((Phrase p) -> Double.isNaN(p.z()) ? 0 : p.z())
                .thenComparing(p -> -p.text().length()));
        List<Phrase> kept = new ArrayList<>();
        for (Phrase p : all) {
            boolean duplicate = kept.stream().anyMatch(k -> sameSource(k, p)
                    && (k.text().contains(p.text()) || p.failed() >= 0 && k.failed() == p.failed()
                    && k.successful() == p.successful() && k.text().length() >= p.text().length()));
            if (!duplicate && kept.size() < max) {
                kept.add(p);
            }
        }
        return kept;
    }

    private static boolean sameSource(Phrase a, Phrase b) {
        return a.source() == null ? b.source() == null : a.source().equals(b.source());
    }

    private static double number(Object o, double otherwise) {
        return o instanceof Number n ? n.doubleValue() : otherwise;
    }
}
