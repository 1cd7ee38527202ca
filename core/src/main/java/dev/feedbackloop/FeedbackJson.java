package dev.feedbackloop;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.feedbackloop.analysis.AnalysisJson;
import dev.feedbackloop.analysis.PatternAnalysis;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.reporting.ImprovementReport;
import dev.feedbackloop.routing.RoutingDecision;
import dev.feedbackloop.storage.Statistics;
import dev.feedbackloop.suggestions.RewriteReport;
import dev.feedbackloop.suggestions.SuggestionJson;
import dev.feedbackloop.suggestions.SuggestionReport;
import dev.feedbackloop.transfer.EntryJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The one public JSON codec: what the command line prints with {@code --json}, what the server
 * sends and what the files hold, with the specification's field names. Writes entries (the JSON
 * Lines record), analyses and reports (the cached/saved form), routing decisions and routed trends, statistics
 * ({@code get_statistics}), suggestion reports, and maps and lists of these and of plain values,
 * always through Jackson: never by gluing or editing text. Thread-safe.
 */
public final class FeedbackJson {
    private FeedbackJson() {
    }

    /** {@code value} as compact JSON text. */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes {@code value} (see the class comment for what it can be) to {@code g}. */
    public static void write(JsonGenerator g, Object value) throws IOException {
        Json.write(g, value, FeedbackJson::writeDomain);
    }

    /** The product's own types; false for plain values, maps and lists (written by {@link Json}). */
    private static boolean writeDomain(JsonGenerator g, Object value) throws IOException {
        if (value instanceof FeedbackEntry) {
            EntryJson.write(g, (FeedbackEntry) value);
        } else if (value instanceof PatternAnalysis || value instanceof ImprovementReport
                || value instanceof dev.feedbackloop.reporting.PeriodOverview
                || value instanceof dev.feedbackloop.routing.RoutedTrend) {
            AnalysisJson.mapper().writeValue(g, value);
        } else if (value instanceof RoutingDecision) {
            write(g, ((RoutingDecision) value).toMap(false));
        } else if (value instanceof Statistics) {
            write(g, ((Statistics) value).toMap());
        } else if (value instanceof SuggestionReport) {
            write(g, SuggestionJson.toMap((SuggestionReport) value));
        } else if (value instanceof RewriteReport) {
            write(g, SuggestionJson.toMap((RewriteReport) value));
        } else {
            return false;
        }
        return true;
    }

    /**
     * A JSON object from outside (an option, a request body).
     *
     * @param what how the caller names it, for messages ("--context")
     * @throws InvalidInputException when it is not valid JSON or not an object
     */
    public static Map<String, Object> readObject(String text, String what) {
        return Json.parseObject(text, what);
    }
}
