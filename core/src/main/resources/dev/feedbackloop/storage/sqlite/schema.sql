-- The schema at version 2 (SqliteMigrations.LATEST), as the migrations V1__specification_schema.sql and
-- V2__DerivedColumns leave it, created in one step in a new database. SqliteMigrationsTest checks that
-- both ways give the same tables, columns and indexes: change this file together with any new migration.
-- Every statement ends with a semicolon at the end of a line (that is where SqliteMigrations splits them).
CREATE TABLE feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    feedback_id TEXT UNIQUE NOT NULL,
    timestamp DATETIME NOT NULL,
    prompt TEXT NOT NULL,
    output TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating >= 1 AND rating <= 5),
    thumbs_up BOOLEAN NOT NULL,
    tags TEXT,
    context TEXT,
    notes TEXT,
    framework TEXT,
    model TEXT,
    task_type TEXT,
    prompt_features INTEGER NOT NULL DEFAULT 0,
    prompt_chars INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE pattern_cache (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cache_key TEXT UNIQUE NOT NULL,
    analysis_data TEXT NOT NULL,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    data_version TEXT
);

CREATE TABLE reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    period TEXT NOT NULL,
    report_data TEXT NOT NULL,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    start_date TEXT,
    end_date TEXT
);

CREATE INDEX idx_timestamp ON feedback(timestamp);
CREATE INDEX idx_rating ON feedback(rating);
CREATE INDEX idx_thumbs_up ON feedback(thumbs_up);
CREATE INDEX idx_feedback_id ON feedback(feedback_id);
CREATE INDEX idx_feedback_window ON feedback(timestamp, rating, thumbs_up, framework, model, task_type, prompt_features, prompt_chars, tags);
CREATE INDEX idx_feedback_attributed ON feedback(task_type, framework, timestamp, rating, thumbs_up) WHERE task_type IS NOT NULL AND framework IS NOT NULL;
