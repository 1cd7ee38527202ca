-- API keys of the HTTP service (feedback keys create/list/revoke). Only a SHA-256 hash of each key is
-- kept (the key is 256 random bits, shown once). A revoked key keeps its row, and its name.
CREATE TABLE api_keys (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL UNIQUE,
    scope      TEXT NOT NULL CHECK (scope IN ('capture', 'read', 'admin')),
    key_hash   TEXT NOT NULL UNIQUE,
    origins    TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
