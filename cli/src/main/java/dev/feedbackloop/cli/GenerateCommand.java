package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.analysis.Figures;
import dev.feedbackloop.capture.PromptFeature;
import dev.feedbackloop.generate.RatingModel;
import dev.feedbackloop.generate.SampleGenerator.Sample;
import dev.feedbackloop.generate.SampleGenerator;
import dev.feedbackloop.internal.Timestamps;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.EntryRow;
import dev.feedbackloop.storage.InsertResult;
import dev.feedbackloop.transfer.FeedbackFileWriter;
import dev.feedbackloop.transfer.FileFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Generate realistic sample feedback, into the database or a file.",
        description = {"The ratings follow a known model with planted effects (framework/task fit, prompt features, "
            + "models, a trend, noise); --describe prints it. The same --seed and --anchor give the same entries."})
final class GenerateCommand implements Callable<Integer> {
    private static final int CHUNK = 256;

    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Option(names = "--count", defaultValue = "1000", description = "How many entries (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--days", defaultValue = "30", description = "Spread over the last D days (default ${DEFAULT-VALUE}).")
    double days;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--anchor", paramLabel = "ISO-8601", description = "End of the time window (default: now).")
    String anchor;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write a file (.jsonl, .csv or .json) instead of storing in the database.")
    Path output;

    @Option(names = "--describe", description = "Print the rating model behind the data and exit.")
    boolean describe;

    @Override
    public Integer call() {
        if (describe) {
            spec.commandLine().getOut().println(FeedbackJson.write(describe(SampleGenerator.describe())));
            return ExitCodes.OK;
        }
        Instant end = anchor == null ? StoreOptions.CLOCK.instant().truncatedTo(ChronoUnit.SECONDS) : Timestamps.parse(anchor);
        SampleGenerator generator = new SampleGenerator(new SampleGenerator.Settings(count, days, seed, end));
        long started = System.nanoTime();
        long inserted = 0;
        try (ProgressBars bar = ProgressBars.start("Generating", " entries", 1)) {
            if (output != null) {
                FileFormat.of(output);
                writeFile(generator, bar);
            } else {
                inserted = store(generator, bar);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        // a server URL as given (never Path.of: it would mangle '://' and defeat the redaction), without its password
        String where = output != null ? output.toString()
                : dev.feedbackloop.storage.StoreLocations.isUrl(store.location())
                        ? dev.feedbackloop.storage.StoreLocations.redact(store.location()) : store.db().toString();
        if (store.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(output != null ? "output" : "database", where);
            m.put("count", count);
            m.put("inserted", output != null ? count : inserted);
            m.put("days", days);
            m.put("seed", seed);
            m.put("anchor", Timestamps.format(end));
            m.put("elapsed_seconds", elapsed.toNanos() / 1e9);
            spec.commandLine().getOut().println(FeedbackJson.write(m));
        } else {
            spec.commandLine().getOut().printf("Generated %d entries over the %s days before %s into %s%s (seed %d, %s)%n",
                    count, Figures.number(days), Timestamps.format(end).substring(0, 19), where,
                    output == null && inserted < count ? " (" + (count - inserted) + " were already there)" : "",
                    seed, Text.rate(count, elapsed));
        }
        return ExitCodes.OK;
    }

    private void writeFile(SampleGenerator generator, ProgressBars bar) {
        store.refuseToOverwrite(output, "--output");
        try (FeedbackFileWriter writer = FeedbackFileWriter.open(output)) {
            for (Sample s : generator) {
                writer.write(s.entry());
                if (writer.count() % CHUNK == 0) {
                    bar.update(writer.count(), count);
                }
            }
            writer.commit();
        }
    }

    private long store(SampleGenerator generator, ProgressBars bar) {
        long inserted = 0;
        long done = 0;
        List<EntryRow> rows = new ArrayList<>(CHUNK);
        try (FeedbackLoop loop = store.open(); BatchWriter batch = loop.database().openBulkBatch()) {
            Iterator<Sample> samples = generator.iterator();
            while (samples.hasNext()) {
                rows.add(EntryRow.of(samples.next().entry()));
                if (rows.size() == CHUNK || !samples.hasNext()) {
                    inserted += batch.addAll(rows).stream().filter(r -> r == InsertResult.INSERTED).count();
                    done += rows.size();
                    rows.clear();
                    bar.update(done, count);
                }
            }
            batch.commit();
        }
        return inserted;
    }

    static Map<String, Object> describe(RatingModel model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("formula", "rating = clamp(round(base + fit[task_type][framework] + model_effect + sum(feature_effects)"
                + " + vague_effect*vague + trend*(position_in_window - 0.5) + N(0, noise_sd)), 1, 5)");
        m.put("base", model.base());
        m.put("noise_sd", model.noiseSd());
        Map<String, Object> fit = new TreeMap<>();
        model.fit().forEach((task, byFramework) -> fit.put(task, new TreeMap<>(byFramework)));
        m.put("fit", fit);
        m.put("default_fit", model.defaultFit());
        Map<String, Object> features = new TreeMap<>();
        for (Map.Entry<PromptFeature, Double> e : model.featureEffects().entrySet()) {
            features.put(e.getKey().label(), e.getValue());
        }
        m.put("feature_effects", features);
        m.put("vague_effect", model.vagueEffect());
        m.put("model_effects", new TreeMap<>(model.modelEffects()));
        m.put("trend", model.trend());
        m.put("thumbs_flip", model.thumbsFlip());
        m.put("thumbs_up_at_3", model.thumbsUpAtThree());
        m.put("task_types", SampleGenerator.taskTypes());
        m.put("frameworks", SampleGenerator.frameworks());
        m.put("models", SampleGenerator.models());
        return m;
    }
}
