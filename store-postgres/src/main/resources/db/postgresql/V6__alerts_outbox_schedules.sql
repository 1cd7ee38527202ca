-- Alerts, their delivery and scheduled reviews (as SQLite's V6, the same SQL: the one
-- dev.feedbackloop.storage.JdbcAlertStore serves both databases). Times are epoch milliseconds
-- (bigint), keys are texts chosen by the application.
-- Alerts raised by the drop monitor: one per group and watch horizon (alert_key), as JSON.
CREATE TABLE alerts (
    alert_key  text PRIMARY KEY,
    raised_at  bigint NOT NULL,
    alert      text NOT NULL
);
CREATE INDEX idx_alerts_raised ON alerts (raised_at);
-- Where alerts and reviews go. secret: a webhook's signing key or an SMTP password (never shown).
CREATE TABLE alert_destinations (
    name        text PRIMARY KEY,
    type        text NOT NULL CHECK (type IN ('webhook', 'slack', 'email')),
    target      text NOT NULL,
    secret      text,
    options     text NOT NULL DEFAULT '{}',
    created_at  bigint NOT NULL
);
-- The outbox: one row per event and destination (delivery_key = event_key '/' destination), so an
-- event is queued once per destination however often it is raised. pending rows are sent when
-- next_at has passed; a send claims its row by moving next_at past the send's timeout first (a
-- compare-and-set UPDATE: under READ COMMITTED a second claimer waits for the first, then re-reads
-- the row and finds attempts and next_at changed).
CREATE TABLE outbox (
    delivery_key  text PRIMARY KEY,
    event_key     text NOT NULL,
    destination   text NOT NULL,
    kind          text NOT NULL,
    payload       text NOT NULL,
    state         text NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts      integer NOT NULL DEFAULT 0,
    next_at       bigint NOT NULL,
    created_at    bigint NOT NULL,
    updated_at    bigint NOT NULL,
    last_status   text,
    last_error    text
);
CREATE INDEX idx_outbox_due ON outbox (state, next_at);
-- Scheduled work (weekly and monthly reviews): the last slot done, and a lease with an expiry held
-- by the instance running the next one, so that instances sharing the database run each slot once.
CREATE TABLE schedule_runs (
    name         text PRIMARY KEY,
    done_slot    bigint,
    holder       text,
    lease_until  bigint
);
