-- Votes and changes. An entry may name the output it rates and who rated it (context.output_id,
-- context.rater_id, copied here); one vote per (output_id, rater_id) stays in feedback, the latest:
-- an earlier one moves to feedback_history. Every row that leaves feedback (a replaced vote, a
-- deletion) is logged in changes with its timestamp, so incremental readers (day rollups, the
-- router's outcome ledger, the analysis cache) know what to recount.
ALTER TABLE feedback ADD COLUMN output_id TEXT;
ALTER TABLE feedback ADD COLUMN rater_id TEXT;
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
CREATE INDEX idx_feedback_history_id ON feedback_history(feedback_id);
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

-- Rows stored before votes existed whose context already names both an output and a rater become
-- votes: the columns are filled from the context, and of each pair only the latest stored row stays
-- (the others move to history and are logged as changes, as a later vote would do).
UPDATE feedback SET
    output_id = nullif(trim(CAST(json_extract(context, '$.output_id') AS TEXT)), ''),
    rater_id = nullif(trim(CAST(json_extract(context, '$.rater_id') AS TEXT)), '')
WHERE context LIKE '%output_id%' AND context LIKE '%rater_id%' AND json_valid(context);
CREATE TEMP TABLE v4_replaced AS
    SELECT f.id AS id FROM feedback f
    WHERE f.output_id IS NOT NULL AND f.rater_id IS NOT NULL
      AND f.id < (SELECT max(l.id) FROM feedback l WHERE l.output_id = f.output_id AND l.rater_id = f.rater_id);
INSERT INTO feedback_history (id, feedback_id, timestamp, prompt, output, rating, thumbs_up, tags, context, notes,
        output_id, rater_id, replaced_at, replaced_by)
    SELECT f.id, f.feedback_id, f.timestamp, f.prompt, f.output, f.rating, f.thumbs_up, f.tags, f.context, f.notes,
        f.output_id, f.rater_id, strftime('%Y-%m-%dT%H:%M:%f', 'now') || '+00:00',
        (SELECT l.feedback_id FROM feedback l WHERE l.output_id = f.output_id AND l.rater_id = f.rater_id
         ORDER BY l.id DESC LIMIT 1)
    FROM feedback f WHERE f.id IN (SELECT id FROM v4_replaced);
INSERT INTO changes (kind, entry_timestamp, at)
    SELECT 'replaced', f.timestamp, strftime('%Y-%m-%dT%H:%M:%f', 'now') || '+00:00'
    FROM feedback f WHERE f.id IN (SELECT id FROM v4_replaced) ORDER BY f.id;
DELETE FROM feedback WHERE id IN (SELECT id FROM v4_replaced);
DROP TABLE v4_replaced;
CREATE UNIQUE INDEX idx_feedback_vote ON feedback(output_id, rater_id)
    WHERE output_id IS NOT NULL AND rater_id IS NOT NULL;
