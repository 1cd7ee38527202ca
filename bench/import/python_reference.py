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

# The specification's schema, as this project's first migration creates it.
SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                      "core", "src", "main", "resources", "db", "sqlite", "V1__specification_schema.sql")

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
    with open(SCHEMA, encoding="utf-8") as f:
        conn.executescript(f.read())
    with conn:
        cur = conn.executemany(INSERT, rows(source))
    n = cur.rowcount
    conn.close()
    seconds = time.perf_counter() - started
    print(json.dumps({"entries": n, "seconds": round(seconds, 3), "entries_per_second": round(n / seconds)}))


if __name__ == "__main__":
    main()
