package dev.feedbackloop.examples;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.InsufficientDataException;
import dev.feedbackloop.analysis.PatternAnalysis;
import dev.feedbackloop.reporting.ImprovementReport;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The specification's "Automated Weekly Review" in Java (shown in README.md). */
final class WeeklyReviewJob {
    private WeeklyReviewJob() {
    }

    static ImprovementReport run(FeedbackLoop loop, Path reportsDir, Consumer<String> sendAlert,
            Consumer<List<String>> sendRecommendations) {
        // example: weekly-review
        // Generate report (label like 2026-W48; the file is written atomically)
        ImprovementReport report = loop.generateReport("weekly", null);
        loop.generateReport("weekly", reportsDir.resolve("week_" + report.period() + ".json"));

        // Send an alert if the success rate declined, and the decline is not noise
        if (report.improvementVsPrevious() != null && report.improvementVsPrevious() < -10
                && report.change() != null && report.change().significant()) {
            sendAlert.accept(String.format("Success rate declined by %.1f%%", -report.improvementVsPrevious()));
        }

        // Send recommendations to the team (only significant findings make it into them)
        try {
            PatternAnalysis analysis = loop.analyzePatterns(7, 5);
            sendRecommendations.accept(analysis.recommendations());
        } catch (InsufficientDataException e) {
            sendAlert.accept(e.getMessage());
        }
        // end example
        return report;
    }
}
