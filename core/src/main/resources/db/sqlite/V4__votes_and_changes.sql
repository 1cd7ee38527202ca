-- Votes and changes. An entry may name the output it rates and who rated it (context.output_id,
-- context.rater_id, copied here); one vote per (output_id, rater_id) stays in feedback, the latest:
-- an earlier one moves to feedback_history. Every row that leaves feedback (a replaced vote, a
-- deletion) is logged in changes with its timestamp, so incremental readers (day rollups, the
-- router's outcome ledger, the analysis cache) know what to recount.
ALTER TABLE feedback ADD COLUMN output_id TEXT;
ALTER TABLE feedback ADD COLUMN rater_id TEXT;
CREATE UNIQUE INDEX idx_feedback_vote ON feedback(output_id, rater_id)
    WHERE output_id IS NOT NULL AND rater_id IS NOT NULL;
CREATE TABLE feedback_history (
    id            INTEGER PRIMARY KEY,
    feedback_id   TEXT NOT NULL,
    timestamp     TEXT NOT NULL,
    prompt        TEXT NOT NULL,
    output        TEXT NOT NULL,
    rating        INTEGER NOT NULL,
    thumbs_up     BOOLEAN NOT NULL,
    tags          TEXT,
    context       TEXT,
    notes         TEXT,
    output_id     TEXT,
    rater_id      TEXT,
    replaced_at   TEXT NOT NULL,
    replaced_by   TEXT NOT NULL
);
CREATE INDEX idx_feedback_history_vote ON feedback_history(output_id, rater_id);
CREATE TABLE changes (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL CHECK (kind IN ('replaced', 'deleted')),
    entry_timestamp TEXT NOT NULL,
    at              TEXT NOT NULL
);
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- Outputs shown to people who may rate them from a browser with a feedback token: the server keeps
-- prompt, output and context, so the browser sends only the vote and cannot forge what it rates.
CREATE TABLE outputs (
    output_id  TEXT PRIMARY KEY,
    prompt     TEXT NOT NULL,
    output     TEXT NOT NULL,
    context    TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL
);
