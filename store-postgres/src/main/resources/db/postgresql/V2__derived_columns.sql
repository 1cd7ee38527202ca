-- Derived columns (filled by the writer from context and prompt), the cache's data version, report
-- bounds, and the indexes analysis reads: a covering index over the window (an index-only scan never
-- touches prompt or output) and a partial index of the attributed rows for the router.
ALTER TABLE feedback ADD COLUMN framework text;
ALTER TABLE feedback ADD COLUMN model text;
ALTER TABLE feedback ADD COLUMN task_type text;
ALTER TABLE feedback ADD COLUMN prompt_features integer NOT NULL DEFAULT 0;
ALTER TABLE feedback ADD COLUMN prompt_chars integer NOT NULL DEFAULT 0;
ALTER TABLE pattern_cache ADD COLUMN data_version text;
ALTER TABLE reports ADD COLUMN start_date timestamptz;
ALTER TABLE reports ADD COLUMN end_date timestamptz;
CREATE INDEX idx_feedback_window ON feedback (timestamp)
    INCLUDE (id, rating, thumbs_up, framework, model, task_type, prompt_features, prompt_chars, tags);
CREATE INDEX idx_feedback_attributed ON feedback (id) INCLUDE (timestamp, task_type, framework, rating, thumbs_up)
    WHERE task_type IS NOT NULL AND framework IS NOT NULL;
