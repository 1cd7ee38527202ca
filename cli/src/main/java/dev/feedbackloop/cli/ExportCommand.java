package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.transfer.CsvCells;
import dev.feedbackloop.transfer.FeedbackExporter;
import dev.feedbackloop.transfer.FeedbackExporter.ExportResult;
import dev.feedbackloop.transfer.FileFormat;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Write stored feedback to a JSON Lines, CSV or JSON file.",
        description = {"Writes the entries oldest first: JSON Lines (.jsonl), CSV (.csv) or the export document "
            + "(.json: {\"exported_at\", \"total_entries\", \"entries\"}). The file appears complete or not at all "
            + "(an existing file is replaced only when the export succeeded); the database itself is never a target."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();
    final FilterOptions filter = new FilterOptions();
    @Mixin(name = "filter")
    final CommandSpec filterOptions = filter.mixin();

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write; its extension picks the format.")
    Path file;

    @Option(names = "--raw-csv", description = "Write CSV cells exactly as stored. By default a text starting with "
            + "=, +, -, @, a tab or a carriage return gets a leading apostrophe, so that a spreadsheet shows it "
            + "instead of running it as a formula (import reads both back exactly; see import --raw-csv).")
    boolean rawCsv;

    @Option(names = "--redact", description = "For sharing: mask e-mail addresses, phone numbers, payment cards, IBANs, "
            + "IP addresses and secrets in every text and context value (counted under context.masked), and replace "
            + "each rater_id by a pseudonym that is stable within this file only (docs/privacy.md).")
    boolean redact;

    @Override
    public Integer call() {
        FileFormat format = FileFormat.of(file);
        store.refuseToOverwrite(file, "the export file");
        ExportResult r;
        try (FeedbackLoop loop = store.open(); ProgressBars bar = ProgressBars.start("Exporting", " entries", 1)) {
            FeedbackStore s = loop.database();
            r = new FeedbackExporter(s).export(file, filter.query(null), rawCsv ? CsvCells.RAW : CsvCells.SPREADSHEET_SAFE,
                    redact ? new dev.feedbackloop.privacy.ExportRedaction(new dev.feedbackloop.privacy.Masker())
                            : java.util.function.UnaryOperator.identity(), bar);
        }
        if (store.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", file.toString());
            m.put("format", format.name().toLowerCase());
            m.put("entries", r.entries());
            m.put("redacted", redact);
            m.put("elapsed_seconds", r.elapsed().toNanos() / 1e9);
            spec.commandLine().getOut().println(FeedbackJson.write(m));
        } else {
            spec.commandLine().getOut().printf("Exported %d entries to %s (%s)%n", r.entries(), file,
                    Text.rate(r.entries(), r.elapsed()));
        }
        return ExitCodes.OK;
    }
}
