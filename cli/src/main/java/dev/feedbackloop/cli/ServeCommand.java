package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.server.FeedbackServer;
import dev.feedbackloop.server.ServerSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        header = "Run the HTTP API (feedback service) until stopped.",
        description = {"Serves /api/v1 (capture, read, analyse), /health, /ready, /metrics, /openapi.json and the API "
            + "page /api. Every /api/v1 call needs a key (feedback keys create); without any key only a loopback "
            + "host is allowed. SIGTERM or Ctrl-C stops it gracefully: no new connections, requests in flight are "
            + "finished and committed, exit 0. One access-log line per request goes to stderr.",
            "On a thread of its own it also runs the weekly and monthly reviews and the daily look for drops on their "
            + "schedules (a review missed while the service was down runs once when it is back; instances sharing "
            + "the database run each once) and delivers alerts and reviews to the destinations of 'feedback alerts'."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--max-body", defaultValue = "1048576", paramLabel = "BYTES",
            description = "Largest request body; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    long maxBody;

    @Option(names = "--rate-limit", defaultValue = "" + ServerSettings.DEFAULT_RATE, paramLabel = "PER_SECOND",
            description = "Requests per second per key; more get 429 (default: ${DEFAULT-VALUE}).")
    long rate;

    @Option(names = "--idle-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "Close a connection idle this long, so slow clients cannot hold workers (default: ${DEFAULT-VALUE}).")
    long idleSeconds;

    @Option(names = "--retention", paramLabel = "AGE", description = "Keep entries this long (180d, 26w, P180D): "
            + "everything older is purged at start and then once a day, as 'feedback purge' does (audited as 'retention').")
    String retention;

    @Option(names = "--masking", paramLabel = "MODE", description = "off, mask or reject personal data and secrets in "
            + "captures (default: the database's setting, see 'feedback masking'; else off).")
    String masking;

    @Mixin
    AlertOptions alertOptions = new AlertOptions();

    @Option(names = "--no-scheduler", description = "Run no reviews, alert looks or deliveries in this instance.")
    boolean noScheduler;

    @Override
    public Integer call() throws InterruptedException {
        Duration keep = retention == null ? null : dev.feedbackloop.lifecycle.Retention.parseAge(retention);
        ServerSettings settings = new ServerSettings(host, port, maxBody, rate, Duration.ofSeconds(idleSeconds),
                noScheduler ? null : Duration.ofSeconds(5));
        PrintWriter err = spec.commandLine().getErr();
        dev.feedbackloop.privacy.Masking mode = masking == null ? null : dev.feedbackloop.privacy.Masking.parse(masking);
        FeedbackLoop loop = store.openLongRunning(FeedbackLoop.builder(store.location()).masking(mode)
                .alerts(alertOptions.config()));
        AccessLog log = new AccessLog(err);
        FeedbackServer server;
        try {
            server = FeedbackServer.start(loop, settings, log);
        } catch (IllegalStateException e) {
            loop.close();
            throw new dev.feedbackloop.InvalidInputException(e.getMessage());
        }
        err.printf("feedback: serving %s on http://%s:%d (API page: /api)%n", loop.database().location(), host, server.port());
        dev.feedbackloop.server.RetentionTask purges = keep == null ? null
                : dev.feedbackloop.server.RetentionTask.start(loop.retention(keep), log);
        err.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            if (purges != null) {
                purges.close();
            }
            loop.close();
            log.flush();
            err.println("feedback: stopped; everything acknowledged is committed");
            err.flush();
            stopped.countDown();
            // a signal would otherwise end the JVM with 128+signal; a graceful stop is a success
            Runtime.getRuntime().halt(ExitCodes.OK);
        }, "graceful-stop"));
        stopped.await();
        return ExitCodes.OK;
    }

    /**
     * Access-log lines collected in memory and written every 200 ms: a line per request must not cost
     * a write (and the error stream's flush) per request. A burst beyond {@link #MAX_PENDING}
     * characters is written at once by the request that passed it. Thread-safe.
     */
    static final class AccessLog implements java.util.function.Consumer<String> {
        static final int MAX_PENDING = 1 << 20;
        private final PrintWriter out;
        private StringBuilder pending = new StringBuilder(8192);

        AccessLog(PrintWriter out) {
            this.out = out;
            Thread flusher = new Thread(() -> {
                while (true) {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                    flush();
                }
            }, "access-log");
            flusher.setDaemon(true);
            flusher.start();
        }

        @Override
        public void accept(String line) {
            boolean full;
            synchronized (this) {
                pending.append(line).append(System.lineSeparator());
                full = pending.length() > MAX_PENDING;
            }
            if (full) {
                flush();
            }
        }

        /** Writes what was collected; the order of lines is kept. */
        void flush() {
            synchronized (out) {
                StringBuilder lines;
                synchronized (this) {
                    if (pending.length() == 0) {
                        return;
                    }
                    lines = pending;
                    pending = new StringBuilder(Math.max(8192, lines.length()));
                }
                out.print(lines);
                out.flush();
            }
        }
    }
}
