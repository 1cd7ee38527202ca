package dev.feedbackloop.cli;

import dev.feedbackloop.analysis.Figures;

import dev.feedbackloop.analysis.PatternAnalysis;
import dev.feedbackloop.privacy.MaskCounts;
import dev.feedbackloop.suggestions.Provenance;
import dev.feedbackloop.suggestions.Rewrite;
import dev.feedbackloop.suggestions.RewriteReport;
import dev.feedbackloop.suggestions.Suggestion;
import dev.feedbackloop.suggestions.SuggestionReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Human output of {@code suggest}: results on stdout, where they came from on stderr. */
final class SuggestionText {
    private SuggestionText() {
    }

    /** "Source: ..." and what was masked, on stderr. */
    static void source(PrintWriter err, Provenance p) {
        err.println("Source: " + p.describe());
        MaskCounts m = p.masked();
        if (m.total() > 0) {
            List<String> parts = new ArrayList<>();
            add(parts, m.emails(), "e-mail address", "e-mail addresses");
            add(parts, m.phones(), "phone number", "phone numbers");
            add(parts, m.secrets(), "secret", "secrets");
            err.println("Masked before sending: " + String.join(", ", parts));
        }
        err.flush();
    }

    static void suggestions(PrintWriter out, SuggestionReport report) {
        out.println("Suggestions " + scope(report.provenance(), report.analysis()));
        if (report.suggestions().isEmpty()) {
            out.println("  (none)");
        }
        int i = 1;
        for (Suggestion s : report.suggestions()) {
            out.println();
            out.printf("%d. %s%n", i++, s.technique());
            line(out, "Why", s.reasoning());
            line(out, "Example", s.example());
            line(out, "Finding", s.addresses());
        }
        notes(out, report.notes());
    }

    static void rewrite(PrintWriter out, RewriteReport report) {
        Rewrite r = report.rewrite();
        out.println("Rewritten prompt " + scope(report.provenance(), report.analysis()) + ":");
        out.println();
        out.println(r.rewritten());
        out.println();
        out.println(r.changes().isEmpty() ? "Nothing changed." : "What changed and why:");
        for (Rewrite.Change c : r.changes()) {
            out.println("- " + c.what());
            if (c.why() != null) {
                out.println("  " + c.why());
            }
        }
        notes(out, report.notes());
    }

    private static String scope(Provenance p, PatternAnalysis a) {
        long significant = a.findings() == null ? 0 : a.findings().stream().filter(f -> f.significant()).count();
        String days = a.window() == null ? "" : String.format(Locale.ROOT, "last %.0f days: ", a.window().days());
        return String.format(Locale.ROOT, "(%s; %s%d entries, %s success, %d significant finding%s)",
                Provenance.CLAUDE.equals(p.source()) ? "Claude" : "rule-based", days, a.totalFeedback(),
                Figures.pct(a.successRate()), significant, significant == 1 ? "" : "s");
    }

    private static void line(PrintWriter out, String label, String value) {
        if (value == null) {
            return;
        }
        String indent = " ".repeat(3 + label.length() + 2);
        out.printf("   %s: %s%n", label, value.strip().replace("\n", "\n" + indent));
    }

    private static void notes(PrintWriter out, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        out.println();
        out.println("Notes:");
        notes.forEach(n -> out.println("- " + n));
    }

    private static void add(List<String> parts, int n, String one, String many) {
        if (n > 0) {
            parts.add(n + " " + (n == 1 ? one : many));
        }
    }
}
