-- Version 6: webhooks (endpoints an administrator registers, and each delivery with its attempts),
-- and users who sign in through the city's identity provider.

-- An endpoint receives the events it names (comma-separated), signed with its secret (Standard
-- Webhooks: whsec_ then base64). The secret has to be kept to sign with; it is shown once when the
-- endpoint is registered. A person's identity goes out only when include_identity is 1.
CREATE TABLE webhook_endpoints (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    events TEXT NOT NULL,
    secret TEXT NOT NULL,
    duty_hours INTEGER NOT NULL DEFAULT 24,      -- duty.due-soon: a duty due within this many hours
    include_identity INTEGER NOT NULL DEFAULT 0,
    from_ledger_index INTEGER NOT NULL,          -- the ledger's size when registered: no event from before
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    disabled_at TEXT
);

-- One message to one endpoint about one thing that happened (event_key: ledger:INDEX, or
-- duty:CASE:RULE:due-soon / :overdue), sent until delivered or out of attempts. message_id is the
-- webhook-id header, the same on every attempt, so a receiver can drop a repeat.
CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY,
    endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints (id),
    message_id TEXT NOT NULL UNIQUE,
    event_type TEXT NOT NULL,
    event_key TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',      -- pending, delivered, failed
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,                        -- UTC; null once delivered or failed
    last_attempt_at TEXT,
    last_status INTEGER,                         -- the receiver's HTTP status; null when it could not be reached
    last_error TEXT,
    created_at TEXT NOT NULL,
    delivered_at TEXT,
    UNIQUE (endpoint_id, event_key)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';

-- How far the ledger has been read for events.
CREATE TABLE webhook_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), ledger_size INTEGER NOT NULL);

-- A user who signs in through the identity provider: its issuer and subject (ISSUER|SUB); such a
-- user has no password (password_hash is empty) and its roles are set from the provider's claims
-- at each sign-in.
ALTER TABLE users ADD COLUMN external_subject TEXT;
CREATE UNIQUE INDEX users_external_subject ON users (external_subject) WHERE external_subject IS NOT NULL;
