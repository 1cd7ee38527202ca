-- Alerts, their delivery and scheduled reviews (issue 13). Written in SQL that PostgreSQL accepts as
-- well: times are epoch milliseconds (BIGINT), keys are texts chosen by the application.
-- Alerts raised by the drop monitor: one per group and watch horizon (alert_key), as JSON.
CREATE TABLE alerts (
    alert_key  TEXT PRIMARY KEY,
    raised_at  BIGINT NOT NULL,
    alert      TEXT NOT NULL
);
CREATE INDEX idx_alerts_raised ON alerts(raised_at);
-- Where alerts and reviews go. secret: a webhook's signing key or an SMTP password (never shown).
CREATE TABLE alert_destinations (
    name        TEXT PRIMARY KEY,
    type        TEXT NOT NULL CHECK (type IN ('webhook', 'slack', 'email')),
    target      TEXT NOT NULL,
    secret      TEXT,
    options     TEXT NOT NULL DEFAULT '{}',
    created_at  BIGINT NOT NULL
);
-- The outbox: one row per event and destination (delivery_key = event_key '/' destination), so an
-- event is queued once per destination however often it is raised. pending rows are sent when
-- next_at has passed; a send claims its row by moving next_at past the send's timeout first.
CREATE TABLE outbox (
    delivery_key  TEXT PRIMARY KEY,
    event_key     TEXT NOT NULL,
    destination   TEXT NOT NULL,
    kind          TEXT NOT NULL,
    payload       TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_at       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    last_status   TEXT,
    last_error    TEXT
);
CREATE INDEX idx_outbox_due ON outbox(state, next_at);
-- Scheduled work (weekly and monthly reviews): the last slot done, and a lease with an expiry held
-- by the instance running the next one, so that instances sharing the database run each slot once.
CREATE TABLE schedule_runs (
    name         TEXT PRIMARY KEY,
    done_slot    BIGINT,
    holder       TEXT,
    lease_until  BIGINT
);
