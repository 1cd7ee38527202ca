package dev.feedbackloop.reporting;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.analysis.AnalysisJson;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/** The ways a report can be written. */
public enum ReportFormat {
    TEXT, JSON, MARKDOWN, HTML;

    /** @throws InvalidInputException naming the allowed values */
    public static ReportFormat parse(String text) {
        for (ReportFormat f : values()) {
            if (f.name().equalsIgnoreCase(text.strip()) || (f == MARKDOWN && text.strip().equalsIgnoreCase("md"))) {
                return f;
            }
        }
        throw new InvalidInputException("format must be text, json, markdown or html, got '" + text + "'");
    }

    /** The format a file name asks for (.json, .md/.markdown, .html/.htm, .txt); empty for other names. */
    public static Optional<ReportFormat> ofFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return Optional.of(JSON);
        }
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return Optional.of(MARKDOWN);
        }
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return Optional.of(HTML);
        }
        if (name.endsWith(".txt")) {
            return Optional.of(TEXT);
        }
        return Optional.empty();
    }

    /** The whole document. Times are shown in {@code zone}. */
    public String render(ImprovementReport report, ZoneId zone) {
        switch (this) {
            case JSON:
                return AnalysisJson.writePretty(report) + "\n";
            case MARKDOWN:
                return MarkdownReport.render(report, zone);
            case HTML:
                return HtmlReport.render(report, zone);
            default:
                return TextReport.render(report, zone);
        }
    }
}
