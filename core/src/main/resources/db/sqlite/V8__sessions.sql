-- Dashboard sign-ins (feedback serve), kept here so that they survive a restart and every instance on
-- one database honours them. Only a SHA-256 hash of each session id is kept. A row is removed on
-- sign-out, when its key is revoked, and once expired (when a later sign-in opens). Depends on no
-- other migration.
CREATE TABLE sessions (
    id_hash      TEXT NOT NULL PRIMARY KEY,
    key_name     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_by_key ON sessions (key_name);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
