-- The task type the router's classifier gives an entry's prompt, for entries whose context names
-- none (context.task_type stays in task_type). Filled by the analysis the first time it meets an
-- entry without either (NULL until then), so captures never pay for classifying. The window index
-- covers it, so an analysis stays an index-only scan (as SQLite's V7).
ALTER TABLE feedback ADD COLUMN task_class text;
DROP INDEX idx_feedback_window;
CREATE INDEX idx_feedback_window ON feedback (timestamp)
    INCLUDE (id, rating, thumbs_up, framework, model, task_type, prompt_features, prompt_chars, tags, task_class);
