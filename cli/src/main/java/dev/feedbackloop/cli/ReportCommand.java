package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.internal.AtomicFiles;
import dev.feedbackloop.reporting.ImprovementReport;
import dev.feedbackloop.reporting.ReportFormat;
import dev.feedbackloop.reporting.ReportPeriod;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Weekly or monthly improvement report: text, JSON, Markdown, HTML.",
        description = {"Totals, the change against the previous period with its interval, top performers and problem "
            + "areas ranked by success rate, and action items. Saved in the database (reports table) and, with "
            + "--output, to a file."},
        footer = {"", "Periods: --period weekly|monthly = the last 7 or 30 days ending now; --week 2026-W47 or "
            + "--month 2026-10 = that calendar week (Monday to Monday) or month, in the local time zone.",
            "Formats: text (default), json, markdown, html (one self-contained file with charts); without --format "
            + "the output file's extension decides (.json, .md, .html, .txt; any other: json, the specification's "
            + "saved report format).",
            "Exit codes: 0 success, 1 runtime failure, 2 bad input."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Option(names = "--period", paramLabel = "weekly|monthly",
            description = "The last 7 (weekly, default) or 30 (monthly) days ending now.")
    String period;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Calendar calendar;

    static final class Calendar {
        @Option(names = "--week", paramLabel = "YYYY-Www", description = "A calendar ISO week, e.g. 2026-W47.")
        String week;
        @Option(names = "--month", paramLabel = "YYYY-MM", description = "A calendar month, e.g. 2026-10.")
        String month;
    }

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the report to FILE (atomically).")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, json, markdown or html.")
    String format;

    @Option(names = "--min-support", defaultValue = "30",
            description = "Groups smaller than this are never ranked (default ${DEFAULT-VALUE}).")
    int minSupport;

    @Override
    public Integer call() {
        if (minSupport < 1) {
            throw new InvalidInputException("--min-support must be at least 1, got " + minSupport);
        }
        ReportFormat chosen = format != null ? ReportFormat.parse(format)
                : output != null ? ReportFormat.ofFile(output).orElse(ReportFormat.JSON) : ReportFormat.TEXT;
        store.refuseToOverwrite(output, "--output");
        Clock clock = StoreOptions.CLOCK;
        ReportPeriod p = period(clock);
        PrintWriter out = spec.commandLine().getOut();
        if (store.json && output == null) { // passed on as computed or cached, without building the objects
            try (FeedbackLoop loop = store.open()) {
                out.println(loop.reporter().generateJson(p, minSupport));
            }
            out.flush();
            return ExitCodes.OK;
        }
        ImprovementReport report;
        try (FeedbackLoop loop = store.open()) {
            report = loop.reporter().generate(p, minSupport);
        }
        if (output != null) {
            AtomicFiles.write(output, chosen.render(report, clock.getZone()));
        }
        if (store.json) {
            out.println(FeedbackJson.write(report));
        } else if (output != null) {
            out.printf(Locale.ROOT, "%s: %,d prompts, success rate %.1f%%, %s vs %s%n", report.period(),
                    report.totalPrompts(), report.successRate() * 100, report.improvementVsPrevious() == null
                            ? "no change figure" : String.format(Locale.ROOT, "%+.1f%%", report.improvementVsPrevious()),
                    report.previous().period());
            out.printf("Saved %s report to %s%n", chosen.name().toLowerCase(Locale.ROOT), output);
        } else {
            out.print(chosen.render(report, clock.getZone()));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private ReportPeriod period(Clock clock) {
        ReportPeriod.Kind kind = period == null ? null : ReportPeriod.Kind.parse(period);
        if (calendar != null && calendar.week != null) {
            if (kind == ReportPeriod.Kind.MONTHLY) {
                throw new InvalidInputException("--week " + calendar.week + " is a weekly period; drop --period monthly");
            }
            return ReportPeriod.isoWeek(calendar.week, clock.getZone());
        }
        if (calendar != null && calendar.month != null) {
            if (kind == ReportPeriod.Kind.WEEKLY) {
                throw new InvalidInputException("--month " + calendar.month + " is a monthly period; drop --period weekly");
            }
            return ReportPeriod.month(calendar.month, clock.getZone());
        }
        return ReportPeriod.rolling(kind == null ? ReportPeriod.Kind.WEEKLY : kind, clock);
    }
}
