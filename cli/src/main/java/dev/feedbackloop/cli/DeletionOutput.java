package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.lifecycle.Deletion;
import java.io.PrintWriter;
import java.util.Map;

/** What {@code delete} and {@code purge} print, and their {@code --vacuum}. */
final class DeletionOutput {
    private DeletionOutput() {
    }

    /** Vacuums when asked (and something was deleted), then prints the deletion. */
    static int finish(FeedbackLoop loop, Deletion d, boolean vacuum, boolean json, PrintWriter out) {
        boolean vacuumed = vacuum && !d.dryRun();
        if (vacuumed) {
            loop.vacuum();
        }
        if (json) {
            Map<String, Object> m = d.toMap();
            m.put("vacuumed", vacuumed);
            out.println(FeedbackJson.write(m));
            return ExitCodes.OK;
        }
        String verb = d.dryRun() ? "Would delete" : "Deleted";
        out.printf("%s %,d entr%s%s, %,d replaced vote%s, %,d kept output%s; %,d saved report%s %s.%n", verb,
                d.entries(), d.entries() == 1 ? "y" : "ies",
                d.oldest() == null ? "" : " (" + d.oldest() + " .. " + d.newest() + ")",
                d.replacedVotes(), d.replacedVotes() == 1 ? "" : "s", d.keptOutputs(), d.keptOutputs() == 1 ? "" : "s",
                d.savedReports(), d.savedReports() == 1 ? "" : "s",
                d.dryRun() ? "would be dropped" : "dropped (generate them again to recount)");
        if (d.dryRun()) {
            out.println("Nothing was changed (dry run).");
        } else if (vacuumed) {
            out.println("The database file was rewritten without them (VACUUM).");
        }
        return ExitCodes.OK;
    }
}
