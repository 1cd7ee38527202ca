#!/usr/bin/env python3
"""The reference an import is compared with: what the earlier Python tool's storage does.

Reads a JSON Lines file of the specification's FeedbackEntry objects (as gen_feedback.py writes
them) and inserts every entry into a new SQLite file of the specification's schema with Python's
sqlite3 module: one transaction, one executemany, the module's default settings (rollback journal,
synchronous=FULL). No validation beyond what json.loads and the schema do.

    python3 bench/import/python_reference.py FILE.jsonl NEW.db

Prints one JSON object: entries, seconds (inside Python, from the first read to the commit) and
entries_per_second. Time the whole process from outside for the end-to-end figure.
"""
import json
import os
import sqlite3
import sys
import time

# The specification's schema: core/src/main/resources/db/sqlite/V1__specification_schema.sql
SCHEMA = """
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
    notes TEXT
);
CREATE TABLE pattern_cache (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cache_key TEXT UNIQUE NOT NULL,
    analysis_data TEXT NOT NULL,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    period TEXT NOT NULL,
    report_data TEXT NOT NULL,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_timestamp ON feedback(timestamp);
CREATE INDEX idx_rating ON feedback(rating);
CREATE INDEX idx_thumbs_up ON feedback(thumbs_up);
CREATE INDEX idx_feedback_id ON feedback(feedback_id);
"""

INSERT = ("INSERT INTO feedback (feedback_id, timestamp, prompt, output, rating, thumbs_up, tags, context, notes)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def rows(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            e = json.loads(line)
            yield (e["feedback_id"], e["timestamp"], e["prompt"], e["output"], e["rating"], e["thumbs_up"],
                   json.dumps(e.get("tags", [])), json.dumps(e.get("context", {})), e.get("notes"))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: python_reference.py FILE.jsonl NEW.db")
    source, db = sys.argv[1], sys.argv[2]
    if os.path.exists(db):
        sys.exit(db + " exists; give a new path")
    started = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.executescript(SCHEMA)
    with conn:
        cur = conn.executemany(INSERT, rows(source))
    n = cur.rowcount
    conn.close()
    seconds = time.perf_counter() - started
    print(json.dumps({"entries": n, "seconds": round(seconds, 3), "entries_per_second": round(n / seconds)}))


if __name__ == "__main__":
    main()
