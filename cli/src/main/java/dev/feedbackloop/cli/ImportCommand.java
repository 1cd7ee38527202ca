package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.transfer.FileFormat;
import dev.feedbackloop.transfer.CsvCells;
import dev.feedbackloop.transfer.FeedbackImporter;
import dev.feedbackloop.transfer.ImportOptions;
import dev.feedbackloop.transfer.ImportResult;
import dev.feedbackloop.transfer.RecordError;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Load feedback from a JSON Lines, CSV or JSON file.",
        description = {"Reads JSON Lines (.jsonl), CSV (.csv) or an export document (.json). Idempotent: entries whose "
            + "feedback_id is already stored with the same content are left alone. Every bad record is listed with "
            + "its line on stderr; by default nothing is stored if any record is bad. Timestamps without an offset "
            + "are read as local time."},
        footer = {"", "Exit codes: 0 stored, 2 bad records and nothing stored (or bad arguments), 1 I/O or database failure."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to import; its extension picks the format.")
    Path file;

    @Option(names = "--skip-invalid", description = "Store the good records even if some are bad (the bad ones are still listed).")
    boolean skipInvalid;

    @Option(names = "--shared", description = "Never hold the database alone. By default a database no other process has open "
            + "is taken for the import (writing every page once instead of twice); processes that start meanwhile wait for it.")
    boolean shared;

    @Option(names = "--raw-csv", description = "Read CSV cells exactly as they are. By default one leading apostrophe "
            + "is removed where export put it: before =, +, -, @, a tab, a carriage return or another apostrophe.")
    boolean rawCsv;

    /** A bulk load unless --shared: the command line is a one-off process. */
    ImportOptions options() {
        return ImportOptions.DEFAULT.withSkipInvalid(skipInvalid).withBulk(!shared)
                .withCsvCells(rawCsv ? CsvCells.RAW : CsvCells.SPREADSHEET_SAFE);
    }

    @Override
    public Integer call() {
        FileFormat.of(file);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("no such file: " + file);
        }
        ImportResult r;
        try (FeedbackLoop loop = store.open(); ProgressBars bar = ProgressBars.start("Importing", " MiB", 1 << 20)) {
            FeedbackStore s = loop.database();
            r = new FeedbackImporter(s).importFile(file, options(), bar);
        }
        PrintWriter err = spec.commandLine().getErr();
        for (RecordError e : r.errors()) {
            err.printf("%s:%d: %s%n", file, e.line(), e.message());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (store.json) {
            out.println(FeedbackJson.write(toMap(r)));
        } else if (r.committed()) {
            out.printf("Imported %s: %d records read, %d new, %d already stored, %d invalid%s (%s)%n", file, r.read(),
                    r.inserted(), r.unchanged(), r.invalid(), r.invalid() > 0 ? " and skipped" : "", Text.rate(r.read(), r.elapsed()));
        } else {
            err.printf("Nothing was stored: %d of %d records are invalid (listed above). Fix them, or use --skip-invalid "
                    + "to store the other %d.%n", r.invalid(), r.read(), r.read() - r.invalid());
        }
        err.flush();
        return r.committed() ? ExitCodes.OK : ExitCodes.USAGE;
    }

    private Map<String, Object> toMap(ImportResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("format", FileFormat.of(file).name().toLowerCase());
        m.put("stored", r.committed());
        m.put("read", r.read());
        m.put("inserted", r.inserted());
        m.put("unchanged", r.unchanged());
        m.put("invalid", r.invalid());
        m.put("bytes", r.bytes());
        m.put("elapsed_seconds", r.elapsed().toNanos() / 1e9);
        m.put("records_per_second", Math.round(r.recordsPerSecond()));
        List<Map<String, Object>> errors = new ArrayList<>();
        for (RecordError e : r.errors()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("line", e.line());
            em.put("record", e.record());
            em.put("message", e.message());
            errors.add(em);
        }
        m.put("errors", errors);
        return m;
    }
}
