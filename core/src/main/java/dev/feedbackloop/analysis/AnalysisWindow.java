package dev.feedbackloop.analysis;

import java.time.Instant;

/** The half-open time range [start, end) an analysis or report covered. */
public record AnalysisWindow(Instant start, Instant end, double days) {
}
