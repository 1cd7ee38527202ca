package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.analysis.Figures;

import dev.feedbackloop.storage.FeedbackQuery;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.Statistics;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "stats", mixinStandardHelpOptions = true,
        header = "Counts, average rating and success rate for a time range.",
        description = {"The specification's get_statistics."})
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Option(names = "--since", paramLabel = "ISO-8601", description = "Start of the range, inclusive.")
    String since;

    @Option(names = "--until", paramLabel = "ISO-8601", description = "End of the range, exclusive.")
    String until;

    @Override
    public Integer call() {
        FeedbackQuery range = FeedbackQuery.between(FilterOptions.instant(since), FilterOptions.instant(until));
        Statistics st;
        try (FeedbackLoop loop = store.open()) {
            FeedbackStore s = loop.database();
            st = s.statistics(range.since(), range.until());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (store.json) {
            out.println(FeedbackJson.write(st));
            return ExitCodes.OK;
        }
        out.printf("Entries:       %d%n", st.total());
        out.printf("Average:       %.2f / 5%n", st.avgRating());
        out.printf("Success rate:  %s (%d positive, %d negative, %d neutral)%n", Figures.pct(st.successRate()),
                st.positive(), st.negative(), st.neutral());
        out.printf("Thumbs up:     %s%n", Figures.pct(st.thumbsUpRate()));
        out.println("Ratings:");
        long max = st.ratingDistribution().values().stream().mapToLong(Long::longValue).max().orElse(0);
        for (int r = 5; r >= 1; r--) {
            long n = st.ratingDistribution().get(r);
            int width = max == 0 ? 0 : (int) Math.round(40.0 * n / max);
            out.printf("  %d  %-40s %d%n", r, "█".repeat(width), n);
        }
        return ExitCodes.OK;
    }
}
