package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.analysis.AnalysisOptions;
import dev.feedbackloop.analysis.Analyzer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        header = "What works and what doesn't, with intervals and significance.",
        description = {"Analyses the last N days: success rates with 95%% intervals by framework, model, tag and "
            + "prompt feature, comparisons controlled for false discoveries, distinctive phrases and recommendations "
            + "with their evidence. Repeated with no new feedback, it answers from the cache.",
            "Every group is compared with the rest within task types (context.task_type, else the router's "
            + "classifier) and pooled (Mantel-Haenszel); the raw difference is shown beside it."},
        footer = {"", "Exit codes: 0 success, 1 too little data or a runtime failure, 2 bad input.",
            "Methods: docs/analysis.md"})
final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Option(names = "--days", defaultValue = "7", description = "Analyse the last N days (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--min-samples", defaultValue = "5",
            description = "Fail when the window has fewer entries (default ${DEFAULT-VALUE}).")
    int minSamples;

    @Option(names = "--min-support", defaultValue = "30",
            description = "Groups smaller than this are shown but never ranked or called significant "
                    + "(default ${DEFAULT-VALUE}).")
    int minSupport;

    @Option(names = "--phrase-sample", defaultValue = "6000",
            description = "Entries sampled for phrase statistics, 0 to skip them (default ${DEFAULT-VALUE}).")
    int phraseSample;

    @Option(names = "--adjust-for", split = ",", paramLabel = "FIELD",
            description = "Also compare within each value of these fields (model, framework), besides the task type.")
    java.util.List<String> adjustFor = java.util.List.of();

    @Override
    public Integer call() {
        AnalysisOptions options = new AnalysisOptions(days, minSamples, minSupport, phraseSample, adjustFor);
        try (FeedbackLoop loop = store.open()) {
            Analyzer analyzer = loop.analyzer();
            if (store.json) {
                spec.commandLine().getOut().println(analyzer.analyzeJson(options));
            } else {
                spec.commandLine().getOut().print(AnalysisText.render(analyzer.analyze(options), loop.clock().getZone()));
            }
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
