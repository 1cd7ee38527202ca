-- The schema of the specification (the original Python tool's feedback.db).
-- IF NOT EXISTS: a database written by the original tool already has these and is adopted as is.
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    feedback_id TEXT UNIQUE NOT NULL,
    timestamp DATETIME NOT NULL,
    prompt TEXT NOT NULL,
    output TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating >= 1 AND rating <= 5),
    thumbs_up BOOLEAN NOT NULL,
    tags TEXT,
    context TEXT,
    notes TEXT
);

CREATE TABLE IF NOT EXISTS pattern_cache (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cache_key TEXT UNIQUE NOT NULL,
    analysis_data TEXT NOT NULL,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    period TEXT NOT NULL,
    report_data TEXT NOT NULL,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS idx_timestamp ON feedback(timestamp);
CREATE INDEX IF NOT EXISTS idx_rating ON feedback(rating);
CREATE INDEX IF NOT EXISTS idx_thumbs_up ON feedback(thumbs_up);
CREATE INDEX IF NOT EXISTS idx_feedback_id ON feedback(feedback_id);
