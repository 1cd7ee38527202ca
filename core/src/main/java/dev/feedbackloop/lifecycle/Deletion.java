package dev.feedbackloop.lifecycle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a deletion removed, or would remove ({@code dryRun}).
 *
 * @param entries       entries gone from the feedback table (and from every count)
 * @param replacedVotes earlier votes gone from the vote history
 * @param keptOutputs   outputs kept for feedback tokens, gone (a purge by age only)
 * @param savedReports  saved reports that counted deleted entries, dropped (generating the period again
 *                      recomputes them from what is left)
 * @param oldest        the oldest deleted entry's time; null when none
 * @param newest        the newest deleted entry's time; null when none
 */
public record Deletion(long entries, long replacedVotes, long keptOutputs, long savedReports, Instant oldest,
        Instant newest, boolean dryRun) {

    /** The figures under the JSON field names of the command line and the API. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dry_run", dryRun);
        m.put("entries", entries);
        m.put("replaced_votes", replacedVotes);
        m.put("kept_outputs", keptOutputs);
        m.put("saved_reports", savedReports);
        m.put("oldest", oldest == null ? null : oldest.toString());
        m.put("newest", newest == null ? null : newest.toString());
        return m;
    }
}
