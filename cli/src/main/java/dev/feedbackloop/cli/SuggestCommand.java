package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.FeedbackLoopBuilder;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.analysis.PatternAnalysis;
import dev.feedbackloop.suggestions.ClaudeSettings;
import dev.feedbackloop.suggestions.RewriteReport;
import dev.feedbackloop.suggestions.SuggestOptions;
import dev.feedbackloop.suggestions.Suggester;
import dev.feedbackloop.suggestions.SuggestionReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "suggest", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Prompt improvements from recent feedback (Claude, or rules).",
        description = {
            "The specification's --suggest. Asks Claude when ANTHROPIC_API_KEY is set (ANTHROPIC_BASE_URL points it "
                + "at a gateway); otherwise, or when the call fails, derives suggestions from the analysis by rules. "
                + "Which source answered, and why a fallback happened, is printed on stderr and included in --json.",
            "E-mail addresses, phone numbers and API-key-like strings are masked before anything is sent.",
            "The same analysis with the same options reuses the stored answer instead of a new paid call."},
        footer = {"", "Examples:",
            "  feedback --suggest",
            "  feedback --suggest --framework \"chain-of-thought\" --limit 5",
            "  feedback --suggest --days 30",
            "  feedback suggest --rewrite \"Write a tagline for our bakery\""})
final class SuggestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Option(names = "--framework", paramLabel = "NAME", description = "Focus on prompts using this framework.")
    String framework;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + SuggestOptions.DEFAULT_LIMIT,
            description = "At most this many suggestions, 1 to " + SuggestOptions.MAX_LIMIT + " (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--days", paramLabel = "N", defaultValue = "" + SuggestOptions.DEFAULT_DAYS,
            description = "Analyse the last N days (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--min-samples", defaultValue = "" + SuggestOptions.DEFAULT_MIN_SAMPLES,
            paramLabel = "N", description = "Fewest entries in the window to analyse (default ${DEFAULT-VALUE}).")
    int minSamples;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = ClaudeSettings.DEFAULT_MODEL,
            description = "Claude model (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Give up on Claude after this long, retries included, and fall back (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--refresh", description = "Ask Claude again even when an answer for the same analysis is stored.")
    boolean refresh;

    @Option(names = "--no-mask", description = "Send prompts and notes as they are, without masking personal data.")
    boolean noMask;

    @ArgGroup(exclusive = true)
    RewriteInput rewrite;

    static final class RewriteInput {
        @Option(names = "--rewrite", paramLabel = "PROMPT", description = "Rewrite this prompt instead of suggesting.")
        String prompt;

        @Option(names = "--rewrite-file", paramLabel = "FILE", description = "Rewrite the prompt in this file ('-' = stdin).")
        Path file;
    }

    private final Map<String, String> env;
    private final Clock clock;

    SuggestCommand() {
        this(System.getenv(), StoreOptions.CLOCK);
    }

    /** For tests: the environment (ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL) and clock to use. */
    SuggestCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        if (timeoutSeconds < 1) {
            throw new InvalidInputException("--timeout must be at least 1 second, got " + timeoutSeconds);
        }
        SuggestOptions options = new SuggestOptions(framework, days, minSamples, limit, refresh);
        String prompt = promptToRewrite();
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        ClaudeSettings settings = ClaudeSettings.fromEnvironment(env).withModel(model).withMask(!noMask)
                .withTimeouts(ClaudeSettings.DEFAULT_ATTEMPT_TIMEOUT, timeout);
        PrintWriter err = spec.commandLine().getErr();
        FeedbackLoopBuilder wiring = FeedbackLoop.builder(store.location()).clock(clock).claude(settings)
                .claudeProgress(line -> {
                    err.println(line);
                    err.flush();
                });
        try (FeedbackLoop loop = wiring.open()) {
            PatternAnalysis analysis = loop.analyzer().analyze(days, minSamples);
            Suggester suggester = loop.suggester();
            if (prompt != null) {
                RewriteReport report = suggester.rewrite(analysis, prompt, options);
                SuggestionText.source(err, report.provenance());
                print(report, () -> SuggestionText.rewrite(spec.commandLine().getOut(), report));
            } else {
                SuggestionReport report = suggester.suggest(analysis, options);
                SuggestionText.source(err, report.provenance());
                print(report, () -> SuggestionText.suggestions(spec.commandLine().getOut(), report));
            }
        }
        return ExitCodes.OK;
    }

    private void print(Object json, Runnable human) {
        PrintWriter out = spec.commandLine().getOut();
        if (store.json) {
            out.println(FeedbackJson.write(json));
        } else {
            human.run();
        }
        out.flush();
    }

    /** The prompt of --rewrite or --rewrite-file; null when neither was given. */
    private String promptToRewrite() throws IOException {
        if (rewrite == null) {
            return null;
        }
        String text = rewrite.prompt != null ? rewrite.prompt : TextFiles.read(rewrite.file, "--rewrite-file");
        if (text.isBlank()) {
            throw new InvalidInputException("the prompt to rewrite is empty");
        }
        return text;
    }
}
