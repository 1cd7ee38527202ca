package dev.feedbackloop.storage;

import java.time.Instant;

/** One attributed outcome for the router's aggregates: which framework served which task type, and how it went. */
public record OutcomeRow(long id, Instant timestamp, String taskType, String framework, boolean positive) {
}
