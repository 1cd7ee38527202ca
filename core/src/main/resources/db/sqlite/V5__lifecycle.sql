-- Data lifecycle. A deletion of many entries logs one change per UTC day it touched, as a span
-- (entry_timestamp = the first deleted entry's time of that day, last_timestamp = the last one's,
-- entries = how many), instead of one row per entry: incremental readers recount the days of each
-- span. A change with no last_timestamp is one entry, as before.
ALTER TABLE changes ADD COLUMN last_timestamp TEXT;
ALTER TABLE changes ADD COLUMN entries INTEGER NOT NULL DEFAULT 1;
-- Who deleted what and who changed which key: never the deleted content (a rater's id only as its
-- SHA-256), so the trail can be kept after the data is gone.
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    detail   TEXT NOT NULL DEFAULT '{}',
    affected INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_audit_at ON audit(at);
