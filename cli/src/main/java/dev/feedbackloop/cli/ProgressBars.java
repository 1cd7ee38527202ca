package dev.feedbackloop.cli;

import dev.feedbackloop.transfer.Progress;
import java.text.DecimalFormat;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar on stderr for long work, only when the user watches a terminal
 * ({@code System.console() != null}); otherwise (pipes, tests, CI) it shows nothing.
 * Close it to finish the bar's line.
 */
final class ProgressBars implements Progress, AutoCloseable {
    private final ProgressBar bar;

    private ProgressBars(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * @param unit     shown after the numbers, e.g. " MiB" or " entries"
     * @param unitSize how many counted things make one unit (bytes per MiB: 1 << 20)
     */
    static ProgressBars start(String task, String unit, long unitSize) {
        if (System.console() == null) {
            return new ProgressBars(null);
        }
        return new ProgressBars(new ProgressBarBuilder().setTaskName(task).setInitialMax(-1)
                .setUnit(unit, unitSize).showSpeed(new DecimalFormat("#,##0")).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build());
    }

    @Override
    public void update(long done, long total) {
        if (bar != null) {
            if (total >= 0) {
                bar.maxHint(total);
            }
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
