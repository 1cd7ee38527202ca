package dev.feedbackloop.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.internal.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Recomputes the masking's precision and recall on the labelled sample {@code docs/privacy-sample.jsonl}
 * and checks that {@code docs/privacy.md} states exactly these figures (the table between its
 * {@code <!-- figures -->} markers): the document cannot drift from what the code does.
 *
 * <p>A label is found when one finding of the same kind covers all of it (a partial mask, which leaves
 * part of the data readable, is a miss); a finding that overlaps no label of its kind is a false
 * positive. "Masked at all" counts a label covered by a finding of any kind.
 */
class PrivacySampleTest {
    private static final Path SAMPLE = Path.of("..", "docs", "privacy-sample.jsonl");
    private static final Path DOC = Path.of("..", "docs", "privacy.md");
    private static final List<String> KINDS = List.of("secret", "email", "card", "iban", "ip", "phone", "name", "address");

    private record Label(String kind, int start, int end) {
    }

    @Test
    void theDocumentStatesThePrecisionAndRecallTheMaskingHasOnTheSample() throws Exception {
        String table = figures();
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String stated = doc.substring(doc.indexOf("<!-- figures -->") + "<!-- figures -->".length(),
                doc.indexOf("<!-- /figures -->")).strip();
        assertThat(stated).as("docs/privacy.md should state:\n" + table).isEqualTo(table);
    }

    @Test
    void theSampleHasAtLeast200SnippetsWithAndWithoutPersonalData() throws Exception {
        List<Map<String, Object>> sample = sample();
        assertThat(sample).hasSizeGreaterThanOrEqualTo(200);
        long with = sample.stream().filter(s -> !((List<?>) s.get("labels")).isEmpty()).count();
        assertThat(with).isBetween(60L, sample.size() - 60L);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> sample() throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : Files.readAllLines(SAMPLE, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add((Map<String, Object>) Json.parse(line));
            }
        }
        return out;
    }

    /** The figures as the Markdown table docs/privacy.md holds. */
    @SuppressWarnings("unchecked")
    static String figures() throws Exception {
        Masker masker = new Masker();
        Map<String, int[]> byKind = new LinkedHashMap<>(); // found, missed, false positives
        KINDS.forEach(k -> byKind.put(k, new int[3]));
        int labels = 0;
        int maskedAtAll = 0;
        int clean = 0;
        int cleanTouched = 0;
        for (Map<String, Object> s : sample()) {
            String text = (String) s.get("text");
            List<Label> expected = new ArrayList<>();
            for (Map<String, Object> l : (List<Map<String, Object>>) s.get("labels")) {
                int at = text.indexOf((String) l.get("text"));
                expected.add(new Label((String) l.get("kind"), at, at + ((String) l.get("text")).length()));
            }
            List<Masker.Finding> found = masker.find(text);
            for (Label l : expected) {
                boolean sameKind = found.stream().anyMatch(f -> f.kind().label().equals(l.kind()) && covers(f, l));
                byKind.get(l.kind())[sameKind ? 0 : 1]++;
                labels++;
                if (found.stream().anyMatch(f -> covers(f, l))) {
                    maskedAtAll++;
                }
            }
            for (Masker.Finding f : found) {
                boolean matches = expected.stream().anyMatch(l -> l.kind().equals(f.kind().label())
                        && f.start() < l.end() && l.start() < f.end());
                if (!matches) {
                    byKind.get(f.kind().label())[2]++;
                }
            }
            if (expected.isEmpty()) {
                clean++;
                if (!found.isEmpty()) {
                    cleanTouched++;
                }
            }
        }
        StringBuilder t = new StringBuilder();
        t.append("| kind | labelled | found | missed | false positives | precision | recall |\n");
        t.append("|---|---|---|---|---|---|---|\n");
        int[] supported = new int[3];
        for (Map.Entry<String, int[]> e : byKind.entrySet()) {
            int[] c = e.getValue();
            boolean finder = !e.getKey().equals("name") && !e.getKey().equals("address");
            if (finder) {
                for (int i = 0; i < 3; i++) {
                    supported[i] += c[i];
                }
            }
            t.append(row(e.getKey() + (finder ? "" : " (no finder)"), c)).append('\n');
        }
        t.append(row("**all kinds with a finder**", supported)).append('\n');
        t.append('\n').append(String.format(Locale.ROOT,
                "Labelled items masked at all (by a finding of any kind): %d of %d. Snippets without personal data: %d,"
                        + " of which %d had something masked (%.1f%%).", maskedAtAll, labels, clean, cleanTouched,
                100.0 * cleanTouched / clean));
        return t.toString();
    }

    private static boolean covers(Masker.Finding f, Label l) {
        return f.start() <= l.start() && f.end() >= l.end();
    }

    private static String row(String name, int[] c) {
        int labelled = c[0] + c[1];
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %s | %s |", name, labelled, c[0], c[1], c[2],
                c[0] + c[2] == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) c[0] / (c[0] + c[2])),
                labelled == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) c[0] / labelled));
    }
}
