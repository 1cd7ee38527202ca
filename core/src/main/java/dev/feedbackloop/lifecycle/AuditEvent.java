package dev.feedbackloop.lifecycle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the audit trail: who did what, when, to how many rows. Never holds deleted content.
 *
 * @param id       its number in the trail (0 before it is stored)
 * @param actor    {@code cli:<os user>}, {@code key:<key name>}, {@code retention}, {@code library}
 * @param action   {@code delete}, {@code purge}, {@code key.create}, {@code key.revoke}
 * @param detail   the filter, or the key's name and scope
 * @param affected rows deleted, or keys changed
 */
public record AuditEvent(long id, Instant at, String actor, String action, Map<String, Object> detail, long affected) {
    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        detail = Map.copyOf(detail);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("at", at.toString());
        m.put("actor", actor);
        m.put("action", action);
        m.put("detail", new java.util.TreeMap<>(detail));
        m.put("affected", affected);
        return m;
    }
}
