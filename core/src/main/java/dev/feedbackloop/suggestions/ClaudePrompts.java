package dev.feedbackloop.suggestions;

import static dev.feedbackloop.analysis.Figures.pct;
import static dev.feedbackloop.analysis.Figures.signedPoints;

import dev.feedbackloop.analysis.AnalysisWindow;
import dev.feedbackloop.analysis.Figures;
import dev.feedbackloop.analysis.Finding;
import dev.feedbackloop.analysis.GroupPerformance;
import dev.feedbackloop.analysis.PatternAnalysis;
import dev.feedbackloop.capture.FeedbackEntry;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The texts sent to Claude: a system prompt and a user message carrying the analysis (overall rate,
 * significant findings with evidence, phrases typical of failures, the framework asked about, a few
 * truncated failed prompts with notes). Unmasked: {@link ClaudeSource} masks the user message before it leaves.
 */
final class ClaudePrompts {
    static final int MAX_FINDINGS = 40;
    static final int MAX_EXAMPLES = 5;
    static final int MAX_PHRASES = 8;
    static final int PROMPT_CHARS = 300;
    static final int NOTES_CHARS = 200;

    static final String SYSTEM = "You review prompts written for large language models. You receive statistics "
            + "from a log of user feedback on LLM outputs and give specific, actionable advice on how to write "
            + "better prompts. Ground every point in the data you are given and never invent numbers. "
            + "Reply with JSON only, exactly in the shape asked for, with no text before or after it.";

    private ClaudePrompts() {
    }

    static String suggestions(Evidence evidence, int limit) {
        StringBuilder b = new StringBuilder(analysis(evidence));
        b.append("\nTask: give at most ").append(limit).append(" specific, actionable prompt-writing techniques that "
                + "would raise the success rate, strongest first, each based on the findings above");
        if (evidence.framework() != null) {
            b.append(", focused on prompts using the framework \"").append(evidence.framework()).append('"');
        }
        b.append(".\nAnswer with this JSON and nothing else:\n")
                .append("{\"suggestions\": [{\"technique\": \"what to do, in a few words\", "
                        + "\"reasoning\": \"why, citing the evidence\", "
                        + "\"example\": \"a short example prompt or excerpt applying it\", "
                        + "\"addresses\": \"the finding it answers, written as above, e.g. feature \\\"examples\\\"; "
                        + "null if none\"}]}\n");
        return b.toString();
    }

    static String rewrite(Evidence evidence, String prompt) {
        return analysis(evidence)
                + "\nPrompt to improve (between the markers):\n<<<PROMPT\n" + prompt.strip() + "\nPROMPT>>>\n"
                + "\nTask: rewrite this prompt so it applies what the findings show works and avoids what fails. "
                + "Keep its intent and every fact in it; do not invent facts. Where a detail is needed that you do "
                + "not know, put a placeholder in angle brackets, e.g. <audience>.\n"
                + "Answer with this JSON and nothing else:\n"
                + "{\"rewritten_prompt\": \"the full improved prompt\", "
                + "\"changes\": [{\"change\": \"what changed\", \"reason\": \"why, citing the finding\"}]}\n";
    }

    /** The shared description of the data. */
    static String analysis(Evidence evidence) {
        PatternAnalysis a = evidence.analysis();
        StringBuilder b = new StringBuilder();
        b.append("Feedback on LLM prompts").append(window(a.window())).append(".\n")
                .append("Success means a rating of 4 or 5 out of 5 with a thumbs up.\n")
                .append(String.format(Locale.ROOT, "Overall: %d entries, %s success", a.totalFeedback(),
                        pct(a.successRate())));
        if (a.successRateCi() != null) {
            b.append(String.format(Locale.ROOT, " (95%% CI %s to %s)", pct(a.successRateCi().low()),
                    pct(a.successRateCi().high())));
        }
        b.append(String.format(Locale.ROOT, ", %d positive, %d negative.%n", a.positiveCount(), a.negativeCount()));

        List<Finding> findings = evidence.significantFindings();
        b.append("\nSignificant findings (a group against the rest; effect = difference in success rate; "
                + "q = p-value adjusted for multiple comparisons):\n");
        if (findings.isEmpty()) {
            b.append("- none: no group differed significantly from the rest.\n");
        }
        findings.stream().limit(MAX_FINDINGS).forEach(f -> b.append("- ").append(describe(f)).append('\n'));

        List<FailurePhrases.Phrase> phrases = FailurePhrases.distinct(a.commonNegativePatterns(), MAX_PHRASES);
        if (!phrases.isEmpty()) {
            b.append("\nWords and phrases typical of failed entries:\n");
            phrases.forEach(p -> b.append("- ").append(p.evidence()).append('\n'));
        }

        if (evidence.framework() != null) {
            b.append("\nFramework asked about: \"").append(evidence.framework()).append("\": ")
                    .append(evidence.frameworkPerformance().map(ClaudePrompts::describe).orElse("no entries in this window"))
                    .append('\n');
            String others = otherFrameworks(a.frameworkPerformance(), evidence.framework());
            if (!others.isEmpty()) {
                b.append("Other frameworks: ").append(others).append('\n');
            }
        }

        List<FeedbackEntry> failed = examples(evidence);
        if (!failed.isEmpty()) {
            b.append("\nRecent failed prompts (truncated):\n");
            int i = 1;
            for (FeedbackEntry e : failed) {
                b.append(i++).append(". rating ").append(e.rating()).append(e.thumbsUp() ? ", thumbs up" : ", thumbs down");
                if (e.framework() != null) {
                    b.append(", framework ").append(e.framework());
                }
                b.append("\n   prompt: ").append(quote(e.prompt(), PROMPT_CHARS)).append('\n');
                if (e.notes() != null) {
                    b.append("   notes: ").append(quote(e.notes(), NOTES_CHARS)).append('\n');
                }
            }
        }
        return b.toString();
    }

    /** Reference format shared with the rule-based source: {@code feature "examples"}. */
    static String reference(Finding f) {
        return f.kind() + " \"" + f.name() + "\"" + (f.taskType() == null ? "" : " on " + f.taskType() + " tasks");
    }

    static String describe(Finding f) {
        return String.format(Locale.ROOT, "%s: %s with vs %s without, effect %s points (95%% CI %s to %s), "
                        + "n=%d, q=%s", reference(f), pct(f.rateWith()), pct(f.rateWithout()), signedPoints(f.effect()),
                f.ci() == null ? "?" : signedPoints(f.ci().low()), f.ci() == null ? "?" : signedPoints(f.ci().high()),
                f.support(), Figures.p(f.qValue()));
    }

    static String describe(GroupPerformance g) {
        String ci = g.ci() == null ? "" : String.format(Locale.ROOT, " (95%% CI %s to %s)", pct(g.ci().low()),
                pct(g.ci().high()));
        return String.format(Locale.ROOT, "%s success%s, n=%d, average rating %.2f%s", pct(g.successRate()), ci,
                g.count(), g.avgRating(), g.enoughData() ? "" : ", too few entries to judge");
    }

    /** One line, at most {@code max} characters, in double quotes. */
    static String quote(String s, int max) {
        String line = s.replaceAll("\\s+", " ").strip();
        return "\"" + (line.length() <= max ? line : line.substring(0, max - 1) + "…") + "\"";
    }

    private static String window(AnalysisWindow w) {
        if (w == null) {
            return "";
        }
        String days = w.days() == Math.rint(w.days()) ? String.valueOf((long) w.days())
                : String.format(Locale.ROOT, "%.1f", w.days());
        return " over the last " + days + " days" + (w.start() != null && w.end() != null
                ? " (" + LocalDate.ofInstant(w.start(), ZoneOffset.UTC) + " to " + LocalDate.ofInstant(w.end(), ZoneOffset.UTC)
                + ", UTC)" : "");
    }

    private static String otherFrameworks(Map<String, GroupPerformance> all, String asked) {
        if (all == null) {
            return "";
        }
        return all.entrySet().stream()
                .filter(e -> !e.getKey().equals(asked) && e.getValue().enoughData())
                .sorted(Comparator.comparingDouble((Map.Entry<String, GroupPerformance> e) -> -e.getValue().successRate()))
                .limit(8)
                .map(ClaudePrompts::group)
                .reduce((x, y) -> x + ", " + y).orElse("");
    }

    /** A group as listed among alternatives: "few-shot" 61.2% (n=340). */
    static String group(Map.Entry<String, GroupPerformance> e) {
        return String.format(Locale.ROOT, "\"%s\" %s (n=%d)", e.getKey(), pct(e.getValue().successRate()),
                e.getValue().count());
    }

    /** Failed examples: those of the framework asked about first, then those with notes, newest first. */
    private static List<FeedbackEntry> examples(Evidence evidence) {
        return evidence.failed().stream()
                .sorted(Comparator.comparing((FeedbackEntry e) -> evidence.framework() == null
                        || !evidence.framework().equals(e.framework()))
                        .thenComparing(e -> e.notes() == null))
                .limit(MAX_EXAMPLES)
                .toList();
    }
}
