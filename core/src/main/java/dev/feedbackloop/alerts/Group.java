package dev.feedbackloop.alerts;

import dev.feedbackloop.storage.AnalysisRow;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A group of votes watched for a drop: everything ({@code overall}), or one framework, model or tag. */
public record Group(String kind, String name) {
    public static final Group OVERALL = new Group("overall", "all");

    /** The groups a row counts in: overall, its framework, its model, each tag. */
    static List<Group> of(AnalysisRow row) {
        List<Group> out = new ArrayList<>(3 + row.tags().size());
        out.add(OVERALL);
        if (row.framework() != null) {
            out.add(new Group("framework", row.framework()));
        }
        if (row.model() != null) {
            out.add(new Group("model", row.model()));
        }
        for (String tag : row.tags()) {
            out.add(new Group("tag", tag));
        }
        return out;
    }

    /** "framework CoT", "all feedback". */
    public String label() {
        return this.equals(OVERALL) ? "all feedback" : kind + " " + name;
    }

    /** The dashboard's query for this group ({@code &framework=F}; empty for overall). */
    String dashboardQuery() {
        return this.equals(OVERALL) ? "" : "&" + kind + "=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
